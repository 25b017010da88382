//! The same run on an Apache Ballista cluster (issue 17): `cargo test --features ballista
//! --test cluster` starts a scheduler and two executors inside this test process (as
//! Ballista's own client tests do), runs the bundled sample data through
//! `RunOptions::cluster`, and compares every file of the results and the site with a local
//! run of the same input. Everything is on one file system, as a real cluster's shared
//! storage would be.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::serde::BallistaCodec;
use casecard::run::{run, RunOptions};

/// Starts one scheduler and two executors in this process; returns the scheduler's URL.
async fn start_cluster() -> String {
    let addr = ballista_scheduler::standalone::new_standalone_scheduler().await.expect("scheduler starts");
    let url = format!("http://localhost:{}", addr.port());
    let mut tries = 100;
    let scheduler = loop {
        match SchedulerGrpcClient::connect(url.clone()).await {
            Ok(c) => break c,
            Err(_) if tries > 0 => {
                tries -= 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot reach the scheduler at {url}: {e}"),
        }
    };
    for _ in 0..2 {
        ballista_executor::new_standalone_executor(scheduler.clone(), 1, BallistaCodec::default()).await.expect("executor starts");
    }
    format!("df://localhost:{}", addr.port())
}

fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cluster_run_equals_a_local_run() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::TempDir::new().unwrap();
    let cluster = start_cluster().await;
    let opts = |out: &str, cluster: Option<String>| RunOptions {
        input: repo.join("sample-data"),
        out: tmp.path().join(out),
        period: None,
        measures: Some(repo.join("measures")),
        site: true,
        restricted: true,
        cluster,
    };
    let local = opts("local", None);
    run(&local).await.expect("local run");
    let remote = opts("cluster", Some(cluster));
    run(&remote).await.expect("cluster run");
    // Every file a run writes: the warehouse and quarantine the cluster's SQL wrote, the
    // results, the site and its downloads, and the restricted outputs read from that warehouse.
    let (a, b) = (&local.out, &remote.out);
    let list = files_under(a);
    assert_eq!(list, files_under(b), "the same files in both outputs");
    for part in ["warehouse", "quarantine", "results", "site", "restricted"] {
        let n = list.iter().filter(|f| f.starts_with(part)).count();
        assert!(n >= 5, "{n} files under {part}/");
    }
    for f in &list {
        assert!(std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(), "{} differs between the local and the cluster run", f.display());
    }
}
