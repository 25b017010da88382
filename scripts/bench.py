#!/usr/bin/env python3
"""casecard's speed at state scale, side by side with DuckDB on the same work.

Called by `scripts/bench` (which builds the release binary and the pinned DuckDB first);
see BENCHMARKS.md for what is measured and why. For each size:

1. generates the packages once (`casecard generate --seed 11 --persons N`, 8 quarters);
2. runs `casecard run` on them with stage timings (`CASECARD_TIMINGS`), its peak resident
   memory (from the kernel's rusage of the child) and a trace of every statement the
   measure stage ran (`CASECARD_SQL_TRACE`);
3. DuckDB, ingest baseline: reads every package file into Parquet with no validation at
   all (one `COPY` per file kind over all packages);
4. DuckDB, measure stage: loads the warehouse casecard wrote and replays the traced
   statements in order (the same views, the same per-period counting queries), checking
   that every counting query returns the same number of rows and the same count totals;
5. prints one table with the ratios, and writes it as Markdown if asked.

Each engine runs in its own child process, so each peak memory figure is its own.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path


def resident(pid):
    """The resident memory of process `pid` in bytes, or None once it has gone."""
    try:
        return next(int(l.split()[1]) * 1024 for l in Path(f"/proc/{pid}/status").read_text().splitlines() if l.startswith("VmRSS"))
    except (OSError, StopIteration):
        return None


def run_child(cmd, env=None, log=None, samples=None):
    """Runs `cmd`; returns (seconds, peak RSS in bytes, stderr text). Fails on a non-zero exit.
    With a list as `samples`, appends (seconds since start, resident bytes) every 0.2 s."""
    start = time.monotonic()
    err = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL if log is None else err, stderr=err)
    if samples is not None:
        import threading

        def sample():
            while (rss := resident(proc.pid)) is not None:
                samples.append((time.monotonic() - start, rss))
                time.sleep(0.2)

        threading.Thread(target=sample, daemon=True).start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    if log:
        err.close()
    if proc.returncode != 0:
        text = Path(log).read_text()[-4000:] if log else ""
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed with exit code {proc.returncode}\n{text}")
    # Linux reports ru_maxrss in KiB.
    return seconds, usage.ru_maxrss * 1024, Path(log).read_text() if log else ""


TIMING = re.compile(r"^\[\s*([0-9.]+)s\] (.*)$")


def stage_times(stderr, total, samples):
    """Stage durations (and the largest resident memory sampled in each) from the
    `CASECARD_TIMINGS` lines of a run, and per measure."""
    marks = []
    for line in stderr.splitlines():
        m = TIMING.match(line)
        if m:
            marks.append((float(m.group(1)), m.group(2)))
    at = {}
    for t, step in marks:
        at.setdefault(step, t)

    def need(step):
        if step not in at:
            sys.exit(f"bench: the run printed no '{step}' timing; is the binary current?")
        return at[step]

    ingest = need("ingest done")
    measured = need("measures written")
    site = need("site written")
    restricted = need("restricted outputs written")
    per_measure = {}
    # A measure runs from its mark to the next top-level mark; indented marks ("  rows
    # collected", "  model fitted …") are steps inside it.
    top = [(t, step) for t, step in marks if not step.startswith(" ")]
    for (t, step), (t_next, _) in zip(top, top[1:] + [(measured, "")]):
        words = step.split()
        if len(words) == 3 and words[0] == "measure" and re.fullmatch(r"\d{4}Q[1-4]", words[2]):
            measure_id = words[1]
            per_measure[measure_id] = per_measure.get(measure_id, 0.0) + (t_next - t)
    # The timings count from the first one, printed at once on start: close enough to the
    # samples' clock for a per-stage peak.
    bounds = {"ingest": (0, ingest), "measures": (ingest, measured), "site": (measured, site), "restricted": (site, total)}
    peaks = {k: max((r for t, r in samples if a <= t <= b), default=0) for k, (a, b) in bounds.items()}
    return {
        "peak_rss": peaks,
        "ingest": ingest,
        "measures": measured - ingest,
        "site": site - measured,
        "restricted": restricted - site,
        "end_to_end": total,
        "per_measure": per_measure,
        "ingest_steps": {step: t for t, step in marks if t <= ingest},
    }


def duckdb_connect(threads, memory, temp):
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"SET temp_directory = '{temp}'")
    con.execute("SET preserve_insertion_order = false")
    return con


def duck_ingest(args):
    """Every package file into Parquet, one COPY per file kind (no checks of any kind)."""
    inp, out = Path(args.input), Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    con = duckdb_connect(args.threads, args.memory, out / "tmp")
    kinds = sorted({p.name for p in inp.glob("*/*/*") if p.suffix in (".csv", ".txt")})
    for name in kinds:
        delim = "," if name.endswith(".csv") else "|"
        glob = f"{inp}/*/*/{name}"
        con.execute(
            f"COPY (SELECT * FROM read_csv('{glob}', delim = '{delim}', header = true, quote = '\"', escape = '\"', "
            f"all_varchar = true, strict_mode = false, null_padding = true, filename = true)) "
            f"TO '{out / (name + '.parquet')}' (FORMAT parquet, COMPRESSION zstd)"
        )
    shutil.rmtree(out / "tmp", ignore_errors=True)


def duck_measures(args):
    """Replays a casecard measure-stage trace over its warehouse; writes a JSON summary."""
    warehouse = Path(args.warehouse)
    con = duckdb_connect(args.threads, args.memory, args.temp)
    per_measure, mismatches, queries = {}, [], 0
    started = last = time.monotonic()
    for line in Path(args.trace).read_text().splitlines():
        e = json.loads(line)
        step = e["step"]
        if step == "table":
            files = f"{warehouse}/{e['name']}/*/*/*.parquet"
            con.execute(f"CREATE OR REPLACE TABLE {e['name']} AS SELECT * FROM read_parquet('{files}', hive_partitioning = true)")
        elif step == "sql":
            con.execute(e["sql"])
        elif step == "materialize":
            con.execute(f'CREATE OR REPLACE TABLE "mat_{e["key"]}" AS {e["sql"]}')
            con.execute(f'CREATE OR REPLACE VIEW {e["name"]} AS SELECT * FROM "mat_{e["key"]}"')
        elif step == "reuse":
            con.execute(f'CREATE OR REPLACE VIEW {e["name"]} AS SELECT * FROM "mat_{e["key"]}"')
        elif step == "query":
            rows = con.execute(e["sql"]).fetchall()
            queries += 1
            sums = []
            for k, expected in enumerate(e["sums"]):
                if expected is None:
                    sums.append(None)
                else:
                    sums.append(sum(r[k] for r in rows if r[k] is not None))
            if len(rows) != e["rows"] or sums != e["sums"]:
                mismatches.append(f"{e['measure']} {e['period']}: casecard {e['rows']} rows, sums {e['sums']}; DuckDB {len(rows)} rows, sums {sums}")
            now = time.monotonic()
            per_measure[e["measure"]] = per_measure.get(e["measure"], 0.0) + (now - last)
            last = now
        else:
            sys.exit(f"bench: unknown trace step {step}")
    summary = {"seconds": time.monotonic() - started, "queries": queries, "per_measure": per_measure, "mismatches": mismatches}
    Path(args.summary).write_text(json.dumps(summary, indent=1))


def fmt_s(s):
    return f"{s:.1f} s"


def ensure_input(args, binary, data, persons):
    """The generated packages for `persons` (made once, then reused): (tag, folder, files, bytes)."""
    tag = f"{persons // 1000}k" if persons % 1000 == 0 else str(persons)
    inp = data / f"in-{tag}"
    if not (inp / ".complete").exists():
        shutil.rmtree(inp, ignore_errors=True)
        print(f"[{tag}] generating {persons} persons × {args.quarters}", flush=True)
        run_child([binary, "generate", "--seed", str(args.seed), "--persons", str(persons), "--quarters", args.quarters, "--out", inp],
                  log=data / f"generate-{tag}.log")
        (inp / ".complete").write_text("")
    size = sum(p.stat().st_size for p in inp.glob("*/*/*") if p.is_file())
    files = sum(1 for p in inp.glob("*/*/*") if p.suffix in (".csv", ".txt"))
    return tag, inp, files, size


def fmt_gib(b):
    return f"{b / 2**30:.2f} GiB"


def bench(args):
    here = Path(__file__).resolve().parent
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    binary = Path(args.bin).resolve()
    results = []
    for persons in args.sizes:
        tag, inp, files, size = ensure_input(args, binary, data, persons)
        out, trace = data / f"out-{tag}", data / f"trace-{tag}.jsonl"
        # A fresh output folder: replacing an earlier output would add its removal (about
        # 20 s at 200,000 persons) to the time.
        shutil.rmtree(out, ignore_errors=True)
        env = dict(os.environ, CASECARD_TIMINGS="1", CASECARD_SQL_TRACE=str(trace))
        print(f"[{tag}] casecard run", flush=True)
        samples = []
        total, rss, stderr = run_child([binary, "run", "--input", inp, "--out", out, "--measures", args.measures], env=env,
                                       log=data / f"run-{tag}.log", samples=samples)
        cc = stage_times(stderr, total, samples)
        print(f"[{tag}]   {fmt_s(total)}, peak RSS {fmt_gib(rss)}", flush=True)
        me = [sys.executable, str(Path(__file__).resolve())]
        common = ["--threads", str(args.threads), "--memory", args.memory]
        print(f"[{tag}] DuckDB CSV → Parquet", flush=True)
        duck_in, duck_in_rss, _ = run_child(me + ["duck-ingest", "--input", str(inp), "--out", str(data / f"duck-{tag}")] + common,
                                            log=data / f"duck-ingest-{tag}.log")
        shutil.rmtree(data / f"duck-{tag}", ignore_errors=True)
        print(f"[{tag}]   {fmt_s(duck_in)}", flush=True)
        print(f"[{tag}] DuckDB measure SQL", flush=True)
        summary = data / f"duck-measures-{tag}.json"
        tmp = data / f"duck-tmp-{tag}"
        duck_m, duck_m_rss, _ = run_child(me + ["duck-measures", "--trace", str(trace), "--warehouse", str(out / "warehouse"),
                                                "--summary", str(summary), "--temp", str(tmp)] + common,
                                          log=data / f"duck-measures-{tag}.log")
        shutil.rmtree(tmp, ignore_errors=True)
        dm = json.loads(summary.read_text())
        print(f"[{tag}]   {fmt_s(dm['seconds'])} in the engine ({dm['queries']} counting queries), {fmt_s(duck_m)} with start-up", flush=True)
        results.append({"persons": persons, "tag": tag, "files": files, "bytes": size, "casecard": cc, "rss": rss,
                        "duck_ingest": duck_in, "duck_ingest_rss": duck_in_rss, "duck_measures": dm, "duck_measures_rss": duck_m_rss})
    table = machine(binary) + "\n\n" + render(results)
    print()
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n")
    (data / "results.json").write_text(json.dumps(results, indent=1))
    bad = [m for r in results for m in r["duck_measures"]["mismatches"]]
    if bad:
        sys.exit("bench: DuckDB's counts differ from casecard's:\n  " + "\n  ".join(bad))


def tree_digests(root):
    """sha256 of every file under `root`, by relative path."""
    import hashlib

    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h = hashlib.sha256()
            with open(p, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            out[str(p.relative_to(root))] = h.hexdigest()
    return out


class PeakRss:
    """The largest sum of the resident memory of `pids`, sampled every 0.2 s while running."""

    def __init__(self, pids):
        import threading

        self.pids, self.peak, self.done = pids, 0, threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        while not self.done.wait(0.2):
            self.peak = max(self.peak, sum(resident(pid) or 0 for pid in self.pids))

    def stop(self):
        self.done.set()
        self.thread.join()
        return self.peak


def cluster(args):
    """The same `casecard run` locally and on a running Ballista cluster (issue 17): stage
    times, memory of casecard and of the cluster's processes, and whether every output file
    is byte for byte the same. Each output's restricted folder (statements for every person,
    gigabytes at state scale) is hashed and then removed, so two outputs fit on the disk."""
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    binary = Path(args.bin).resolve()
    tag, inp, files, size = ensure_input(args, binary, data, args.persons)
    pids = [int(Path(p).read_text().strip()) for p in args.cluster_pids]
    runs, digests = [], {}
    for name, extra in (("local", []), ("cluster", ["--cluster", args.url])):
        out = data / f"out-{name}-{tag}"
        shutil.rmtree(out, ignore_errors=True)
        env = dict(os.environ, CASECARD_TIMINGS="1")
        print(f"[{tag}] casecard run ({name})", flush=True)
        samples = []
        others = PeakRss(pids) if extra else None
        total, rss, stderr = run_child([binary, "run", "--input", inp, "--out", out, "--measures", args.measures] + extra, env=env,
                                       log=data / f"run-{name}-{tag}.log", samples=samples)
        cluster_rss = others.stop() if others else 0
        times = stage_times(stderr, total, samples)
        print(f"[{tag}]   {fmt_s(total)}, peak RSS {fmt_gib(rss)}" + (f", cluster processes {fmt_gib(cluster_rss)}" if extra else ""), flush=True)
        digests[name] = tree_digests(out)
        shutil.rmtree(out / "restricted")
        runs.append({"run": name, "casecard": times, "rss": rss, "cluster_rss": cluster_rss})
    a, b = digests["local"], digests["cluster"]
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    parts = sorted({k.split("/")[0] for k in a if not k.startswith(".")})
    lines = [
        machine(binary, duck=False),
        f"- data: {args.persons:,} persons × {args.quarters}, {files:,} files, {size / 1e6:,.0f} MB; cluster {args.url}: {args.layout}",
        "",
        "| run | end to end | ingest | measures | site | restricted | peak RSS, casecard | peak RSS, scheduler + executors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        c = r["casecard"]
        lines.append(f"| {r['run']} | {fmt_s(c['end_to_end'])} | {fmt_s(c['ingest'])} | {fmt_s(c['measures'])} | {fmt_s(c['site'])} | "
                     f"{fmt_s(c['restricted'])} | {fmt_gib(r['rss'])} | {fmt_gib(r['cluster_rss']) if r['run'] == 'cluster' else '–'} |")
    l, c = runs[0]["casecard"], runs[1]["casecard"]
    lines.append("| cluster ÷ local | " + " | ".join(f"{c[k] / l[k]:.2f}×" for k in ("end_to_end", "ingest", "measures", "site", "restricted")) + " | | |")
    lines.append("")
    lines.append(f"Output files compared byte for byte ({', '.join(parts)}): {len(a) - len(differ)} of {len(a)} identical"
                 + (f"; different: {', '.join(differ[:20])}" if differ else "."))
    table = "\n".join(lines)
    print()
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n")
    # Everything measured, per-stage memory peaks and per-measure times included.
    (data / "cluster-results.json").write_text(json.dumps(runs, indent=1))
    if differ:
        sys.exit(f"bench: {len(differ)} output files differ between the local and the cluster run")


def machine(binary, duck=True):
    """Where and what was measured: commit, CPU, cores, memory, versions."""
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "unknown")
    mem = next((int(l.split()[1]) * 1024 for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")), 0)
    commit = out(["git", "-C", str(Path(__file__).resolve().parent), "log", "-1", "--format=%h %cs %s"])
    dirty = out(["git", "-C", str(Path(__file__).resolve().parent), "status", "--porcelain", "--untracked-files=no"])
    return "\n".join([
        f"- commit: {commit}{' (with uncommitted changes)' if dirty else ''}",
        f"- machine: {cpu}, {os.cpu_count()} cores, {fmt_gib(mem)} memory; {out(['uname', '-sr'])}",
        f"- casecard: {out([str(binary), '--version'])}, {'release' if binary.parent.name == 'release' else 'dev-profile'} build" + (f"; DuckDB {duck_version()} (Python), threads 2, memory limit 6 GB" if duck else ""),
    ])


def duck_version():
    import duckdb

    return duckdb.__version__


def render(results):
    lines = [
        "| persons | input | casecard end to end | peak RSS | ingest | DuckDB CSV→Parquet | ingest ratio | measures | DuckDB measure SQL | measure ratio | site | restricted |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c, dm = r["casecard"], r["duck_measures"]
        lines.append(
            f"| {r['persons']:,} | {r['files']:,} files, {r['bytes'] / 1e6:,.0f} MB | {fmt_s(c['end_to_end'])} | {fmt_gib(r['rss'])} | "
            f"{fmt_s(c['ingest'])} | {fmt_s(r['duck_ingest'])} | {c['ingest'] / r['duck_ingest']:.2f}× | "
            f"{fmt_s(c['measures'])} | {fmt_s(dm['seconds'])} | {c['measures'] / dm['seconds']:.2f}× | "
            f"{fmt_s(c['site'])} | {fmt_s(c['restricted'])} |"
        )
    lines.append("")
    lines.append("Largest resident memory sampled (every 0.2 s) in each stage of casecard's run:")
    lines.append("")
    lines.append("| persons | ingest | measures | site | restricted |")
    lines.append("|---|---|---|---|---|")
    for r in results:
        p = r["casecard"]["peak_rss"]
        lines.append(f"| {r['persons']:,} | " + " | ".join(fmt_gib(p[k]) for k in ("ingest", "measures", "site", "restricted")) + " |")
    if len(results) > 1:
        a, b = results[0], results[-1]
        lines.append("")
        lines.append(
            f"Growth {a['tag']} → {b['tag']} ({b['persons'] / a['persons']:.0f}× the persons): end to end "
            f"{b['casecard']['end_to_end'] / a['casecard']['end_to_end']:.2f}×, peak RSS {b['rss'] / a['rss']:.2f}×."
        )
    for r in results:
        lines.append("")
        lines.append(f"Per measure at {r['persons']:,} persons (all periods; casecard includes its statistics):")
        lines.append("")
        lines.append("| measure | casecard | DuckDB | ratio |")
        lines.append("|---|---|---|---|")
        cm, dm = r["casecard"]["per_measure"], r["duck_measures"]["per_measure"]
        for mid in sorted(cm, key=lambda k: -cm[k]):
            d = dm.get(mid)
            ratio = f"{cm[mid] / d:.2f}×" if d else "–"
            lines.append(f"| {mid} | {fmt_s(cm[mid])} | {fmt_s(d) if d else '–'} | {ratio} |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("bench", help="generate, run casecard and DuckDB, print the table")
    b.add_argument("--bin", required=True, help="the casecard binary (release build)")
    b.add_argument("--measures", required=True, help="the measures/ folder")
    b.add_argument("--data", required=True, help="folder for generated packages and outputs")
    b.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[200_000])
    b.add_argument("--seed", type=int, default=11)
    b.add_argument("--quarters", default="2024Q3..2026Q2")
    b.add_argument("--threads", type=int, default=2)
    b.add_argument("--memory", default="6GB", help="DuckDB's memory limit (casecard's pool is 6 GiB)")
    b.add_argument("--markdown", help="also write the table to this file")
    c = sub.add_parser("cluster", help="the same run locally and on a running Ballista cluster")
    c.add_argument("--bin", required=True, help="the casecard binary (release build with --features ballista)")
    c.add_argument("--measures", required=True)
    c.add_argument("--data", required=True)
    c.add_argument("--persons", type=int, default=1_000_000)
    c.add_argument("--seed", type=int, default=11)
    c.add_argument("--quarters", default="2024Q3..2026Q2")
    c.add_argument("--url", default="df://localhost:50050")
    c.add_argument("--cluster-pids", nargs="+", default=[], help="pid files of the scheduler and executors (for their memory)")
    c.add_argument("--layout", default="one scheduler, two executors", help="how the cluster is made up, for the table")
    c.add_argument("--markdown")
    i = sub.add_parser("duck-ingest")
    i.add_argument("--input", required=True)
    i.add_argument("--out", required=True)
    m = sub.add_parser("duck-measures")
    m.add_argument("--trace", required=True)
    m.add_argument("--warehouse", required=True)
    m.add_argument("--summary", required=True)
    m.add_argument("--temp", required=True)
    for s in (i, m):
        s.add_argument("--threads", type=int, default=2)
        s.add_argument("--memory", default="6GB")
    args = p.parse_args()
    {"bench": bench, "cluster": cluster, "duck-ingest": duck_ingest, "duck-measures": duck_measures}[args.command](args)


if __name__ == "__main__":
    main()
