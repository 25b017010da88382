//! `casecard generate`: synthetic input packages exactly per the extract contract
//! (`extracts.md`), for every county, tribal nation and MCO and every quarter asked for.
//!
//! The world (providers, their ids and quality, the truths planted in them) is fixed; the
//! persons come from the seed. Each person is simulated on their own random stream, keyed
//! by (seed, person index), so the output is byte-identical for the same options whatever
//! the number of threads. Persons are processed in chunks on worker threads; the main thread
//! appends each chunk's rows, in chunk order, to per-file buffers that are flushed (and
//! hashed) as they fill, so memory stays bounded however many persons are generated.
//!
//! Besides the packages, the output folder gets `truth.json` (what was planted, for the
//! measures to find) and `expected_quarantine.json` (bad rows injected, per reason).
//!
//! Who reports what, where the contract leaves it open:
//! - A county reports its own agency and the private agencies it contracts with (their
//!   episodes, contacts, assessments and surveys); a tribal nation its own programs; an MCO
//!   its care coordination, whether by its own care coordinators or delegated to a county
//!   agency (then the county agency's row appears, identical, in the MCO's providers file).
//! - Staffing of an agency is reported once, by its home submitter (the county for a county
//!   agency or the first county that contracts a private one, the tribe, the MCO).
//! - An outcome event is reported once, by the submitter of the episode open on its start
//!   date (else the nearest episode; child-welfare events never by an MCO), and resent by it
//!   while an admission or placement stays open.
//! - A person's row is a function of the person and the quarter, so every submitter sends it
//!   identically; a person who moves changes county from the move on.
//! - Assessments may precede the episode start, but never before the first day of the
//!   quarter the episode starts in (so the episode is in the same package).
//! - `culturally_specific` is free text: the community served, empty when not culturally
//!   specific. MCO care coordinators carry all of the MCO's products (`cm_types` of several
//!   types), as do the waiver case managers of small counties; TCM case managers carry one type.
//! - county-27001 and county-27007 write CRLF line ends, county-27005 and county-27007 a
//!   UTF-8 BOM, mco-south-country CRLF (all tolerated by the contract).

mod bad;
mod data;
mod emit;
mod life;
mod rng;
mod sim;
mod world;

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::period::Period;
use emit::{Dates, Encoder, Fields, Fmt, NFILES};
use life::{Out, Sample, Staff};
use rng::{mix64, R};
use sim::Calendar;
use world::World;

pub struct GenerateOptions {
    /// Output folder: created if missing; must be empty or hold earlier generator output
    /// (recognized by its `truth.json`), whose quarter folders are replaced.
    pub out: PathBuf,
    pub seed: u64,
    /// Persons served at some time in the quarters (each has at least one episode open in them).
    pub persons: u64,
    pub from: Period,
    pub to: Period,
    /// Rows injected per row-level rejection reason (0: a clean data set).
    pub bad_rows_per_reason: u64,
    /// Plant the disparities: the statewide language gap and the provider language gap
    /// (`truth.json`: `statewide`, `disparities`). Off, nothing differs by language or
    /// interpreter need beyond what age and case mix bring, so flagged gaps are false flags;
    /// the providers made worse, better, sicker or over their caseload stay either way.
    pub disparities: bool,
}

pub struct GenerateSummary {
    /// Packages written (quarters × 106 submitters).
    pub packages: usize,
    /// Data files written (manifests excluded).
    pub files: usize,
    /// Data rows in all files (headers excluded, injected bad rows included).
    pub rows: u64,
    /// Injected bad rows per reason (what `expected_quarantine.json` holds).
    pub bad_rows: BTreeMap<String, u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("quarters {from}..{to}: the first quarter is after the last")]
    Range { from: Period, to: Period },
    #[error("quarters {from}..{to}: the generator writes quarters from 2010Q1 to 2150Q4 (persons are born after 1900)")]
    Unsupported { from: Period, to: Period },
    #[error("output folder {0} is not empty and holds no earlier generator output (truth.json); choose an empty folder")]
    NotEmpty(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("a generator thread failed: {0}")]
    Worker(String),
}

/// The result of this module's operations.
pub type Result<T, E = GenerateError> = std::result::Result<T, E>;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> GenerateError + '_ {
    move |source| GenerateError::Io { path: path.to_path_buf(), source }
}

/// Persons per unit of work.
const CHUNK: u64 = 1024;
/// Bytes a file's buffer collects before it is appended to disk.
const FLUSH_AT: usize = 16 << 10;

/// Writes the packages, `truth.json` and `expected_quarantine.json` under `opts.out`.
pub fn generate(opts: &GenerateOptions) -> Result<GenerateSummary> {
    if opts.from > opts.to {
        return Err(GenerateError::Range { from: opts.from, to: opts.to });
    }
    if opts.from.year < 2010 || opts.to.year > 2150 {
        return Err(GenerateError::Unsupported { from: opts.from, to: opts.to });
    }
    prepare_out(&opts.out)?;
    let w = if opts.disparities { World::build() } else { World::build().without_disparities() };
    let cal = Calendar::new(opts.from, opts.to);
    let dates = Dates::new();
    let np = cal.np();
    let nsub = w.submitters.len();
    let key = mix64(opts.seed ^ 0x9e1d_0000_0000_0001);
    let skel_base = ChaCha8Rng::from_seed(seed_bytes(opts.seed, 1));
    let life_base = ChaCha8Rng::from_seed(seed_bytes(opts.seed, 2));
    let nchunks = opts.persons.div_ceil(CHUNK) as usize;
    let range = |c: usize| (c as u64 * CHUNK)..((c as u64 + 1) * CHUNK).min(opts.persons);
    let stream = |base: &ChaCha8Rng, idx: u64| {
        let mut g = base.clone();
        g.set_stream(idx);
        R(g)
    };

    // Pass one: how many episodes each case-manager pool carries at each quarter's end.
    let npools = w.pools.len();
    let mut active = vec![0u32; npools * np];
    parallel(
        nchunks,
        |c| {
            let mut counts = vec![0u32; npools * np];
            for idx in range(c) {
                let p = sim::skeleton(&w, &cal, key, idx, &mut stream(&skel_base, idx));
                for e in &p.episodes {
                    let pool = w.providers[e.provider].pool_of[e.t as usize] as usize;
                    for pi in 0..np {
                        let last = cal.last[pi];
                        if e.start <= last && e.end.is_none_or(|x| x >= last) {
                            counts[pool * np + pi] += 1;
                        }
                    }
                }
            }
            counts
        },
        |counts| {
            for (a, c) in active.iter_mut().zip(counts) {
                *a += c;
            }
            Ok(())
        },
    )?;
    let staff = Staff::from_counts(&w, &active, np);

    // The files, with their headers, providers and staffing.
    let mut sinks = Sinks::create(&opts.out, &w, &cal)?;
    write_reference_rows(&mut sinks, &w, &cal, &dates, &staff)?;

    // Pass two: every person's rows.
    let mut samples: Vec<Option<Sample>> = vec![None; nsub * np];
    parallel(
        nchunks,
        |c| {
            let mut out = Out::new(&w, &cal, &dates, &staff);
            for idx in range(c) {
                let p = sim::skeleton(&w, &cal, key, idx, &mut stream(&skel_base, idx));
                life::live(&mut out, &p, &mut stream(&life_base, idx));
            }
            (out.bufs, out.rows, out.first_len, out.samples)
        },
        |(bufs, rows, first_len, chunk_samples)| {
            for (i, buf) in bufs.into_iter().enumerate() {
                if rows[i] > 0 {
                    sinks.append(i, &buf, rows[i] as u64, first_len[i] as usize)?;
                }
            }
            for (s, c) in samples.iter_mut().zip(chunk_samples) {
                if s.is_none() {
                    *s = c;
                }
            }
            Ok(())
        },
    )?;

    let bad_rows = bad::inject(&mut sinks, &w, &cal, &dates, &samples, opts.seed, key, opts.bad_rows_per_reason)?;
    let (files, rows) = sinks.finish(&w, &cal)?;

    let truth = truth_json(&w, opts);
    write_json(&opts.out.join("truth.json"), &truth)?;
    write_json(&opts.out.join("expected_quarantine.json"), &bad_rows)?;
    Ok(GenerateSummary { packages: nsub * np, files, rows, bad_rows })
}

fn seed_bytes(seed: u64, purpose: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut x = mix64(seed ^ purpose.wrapping_mul(0xA076_1D64_78BD_642F));
    for chunk in out.chunks_mut(8) {
        x = mix64(x);
        chunk.copy_from_slice(&x.to_le_bytes());
    }
    out
}

fn is_period_dir(name: &str) -> bool {
    name.parse::<Period>().is_ok()
}

/// An empty (or new) folder, or one holding earlier generator output, which is cleared.
fn prepare_out(out: &Path) -> Result<()> {
    if out.exists() {
        let entries: Vec<PathBuf> =
            fs::read_dir(out).map_err(io_err(out))?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(io_err(out))?;
        if !entries.is_empty() {
            if !out.join("truth.json").is_file() {
                return Err(GenerateError::NotEmpty(out.to_path_buf()));
            }
            for e in entries {
                let name = e.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if e.is_dir() && is_period_dir(&name) {
                    fs::remove_dir_all(&e).map_err(io_err(&e))?;
                } else if name == "truth.json" || name == "expected_quarantine.json" {
                    fs::remove_file(&e).map_err(io_err(&e))?;
                }
            }
        }
    }
    fs::create_dir_all(out).map_err(io_err(out))
}

/// Runs `produce` for chunks 0..n on worker threads and hands the results to `consume` in
/// chunk order (so the output does not depend on scheduling).
fn parallel<T: Send>(
    n: usize,
    produce: impl Fn(usize) -> T + Sync,
    mut consume: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let ahead = 2 * workers;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failed = AtomicBool::new(false);
    let mut result = Ok(());
    let mut want = 0usize;
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, done, stop, failed, produce) = (&next, &done, &stop, &failed, &produce);
            s.spawn(move || loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                while i >= done.load(Ordering::Acquire) + ahead && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| produce(i))) {
                    Ok(t) => {
                        if tx.send((i, t)).is_err() {
                            break;
                        }
                    }
                    Err(_) => {
                        failed.store(true, Ordering::Relaxed);
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        for (i, t) in rx.iter() {
            pending.insert(i, t);
            while let Some(t) = pending.remove(&want) {
                if result.is_ok() {
                    result = consume(t);
                    if result.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                want += 1;
                done.store(want, Ordering::Release);
            }
        }
    });
    result?;
    if failed.load(Ordering::Relaxed) || want < n {
        return Err(GenerateError::Worker("a worker panicked while generating persons".into()));
    }
    Ok(())
}

/// One output file: a buffer appended to disk as it fills, hashed on the way.
struct Sink {
    path: PathBuf,
    buf: Vec<u8>,
    hasher: Sha256,
    rows: u64,
    /// The first data row's bytes (what a `duplicate_key` row repeats).
    first: Option<Vec<u8>>,
}

impl Sink {
    fn flush(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.hasher.update(&self.buf);
        let mut f = OpenOptions::new().append(true).open(&self.path).map_err(io_err(&self.path))?;
        f.write_all(&self.buf).map_err(io_err(&self.path))?;
        self.buf.clear();
        Ok(())
    }
}

/// Every file of every package; index = (period × submitters + submitter) × NFILES + slot.
pub(crate) struct Sinks {
    sinks: Vec<Option<Sink>>,
    nsub: usize,
    dirs: Vec<PathBuf>,
    enc: Encoder,
}

impl Sinks {
    fn create(out: &Path, w: &World, cal: &Calendar) -> Result<Sinks> {
        let nsub = w.submitters.len();
        let mut sinks = Vec::new();
        let mut dirs = Vec::new();
        let mut enc = Encoder::new();
        for period in &cal.periods {
            for s in &w.submitters {
                let dir = out.join(period.to_string()).join(&s.id);
                fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                for slot in 0..NFILES {
                    if s.mco && slot == emit::F_ASSESSMENTS {
                        sinks.push(None);
                        continue;
                    }
                    let path = dir.join(emit::file_name(s.mco, slot));
                    fs::File::create(&path).map_err(io_err(&path))?;
                    let mut buf = Vec::with_capacity(1024);
                    if s.bom {
                        buf.extend_from_slice("\u{feff}".as_bytes());
                    }
                    enc.encode(s.mco, s.crlf, emit::header(s.mco, slot), &mut buf);
                    sinks.push(Some(Sink { path, buf, hasher: Sha256::new(), rows: 0, first: None }));
                }
                dirs.push(dir);
            }
        }
        Ok(Sinks { sinks, nsub, dirs, enc })
    }

    fn sink(&mut self, i: usize) -> &mut Sink {
        self.sinks[i].as_mut().expect("a file of the layout")
    }

    pub(crate) fn index(&self, pk: usize, slot: usize) -> usize {
        pk * NFILES + slot
    }

    /// Appends encoded rows; `first_len` is the length of the first of them.
    fn append(&mut self, i: usize, bytes: &[u8], rows: u64, first_len: usize) -> Result<()> {
        let s = self.sink(i);
        if s.first.is_none() && rows > 0 {
            s.first = Some(bytes[..first_len].to_vec());
        }
        s.buf.extend_from_slice(bytes);
        s.rows += rows;
        if s.buf.len() >= FLUSH_AT {
            s.flush()?;
        }
        Ok(())
    }

    /// Encodes `fields` as one row of sink `i` (in its submitter's layout and line ends).
    pub(crate) fn push_fields(&mut self, w: &World, i: usize, fields: &[String]) -> Result<()> {
        let sub = &w.submitters[(i / NFILES) % self.nsub];
        let mut bytes = Vec::new();
        self.enc.encode(sub.mco, sub.crlf, fields, &mut bytes);
        let n = bytes.len();
        self.append(i, &bytes, 1, n)
    }

    /// Appends an exact copy of the file's first data row, if it has one.
    pub(crate) fn repeat_first(&mut self, i: usize) -> Result<bool> {
        let Some(first) = self.sinks[i].as_ref().and_then(|s| s.first.clone()) else { return Ok(false) };
        let n = first.len();
        self.append(i, &first, 1, n)?;
        Ok(true)
    }

    pub(crate) fn rows(&self, i: usize) -> u64 {
        self.sinks[i].as_ref().map_or(0, |s| s.rows)
    }

    /// Flushes every file and writes the manifests; returns (files, data rows).
    fn finish(mut self, w: &World, cal: &Calendar) -> Result<(usize, u64)> {
        let (mut files, mut rows) = (0, 0);
        for (pk, dir) in self.dirs.clone().iter().enumerate() {
            let sub = &w.submitters[pk % self.nsub];
            let period = cal.periods[pk / self.nsub];
            let mut listed = BTreeMap::new();
            for slot in emit::slots(sub.mco) {
                let s = self.sink(pk * NFILES + slot);
                s.flush()?;
                let sha = std::mem::take(&mut s.hasher).finalize();
                listed.insert(emit::file_name(sub.mco, slot), ManifestFile { rows: s.rows, sha256: format!("{sha:x}") });
                files += 1;
                rows += s.rows;
            }
            let manifest = Manifest {
                submitter_id: &sub.id,
                submitter_kind: sub.kind_code(),
                submitter_name: &sub.name,
                period: period.to_string(),
                sequence: 1,
                layout: sub.layout(),
                files: listed,
            };
            write_json(&dir.join("manifest.json"), &manifest)?;
        }
        Ok((files, rows))
    }
}

#[derive(Serialize)]
struct Manifest<'a> {
    submitter_id: &'a str,
    submitter_kind: &'a str,
    submitter_name: &'a str,
    period: String,
    sequence: u32,
    layout: &'a str,
    files: BTreeMap<&'a str, ManifestFile>,
}

#[derive(Serialize)]
struct ManifestFile {
    rows: u64,
    sha256: String,
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut text = serde_json::to_vec_pretty(value).expect("serializable");
    text.push(b'\n');
    fs::write(path, text).map_err(io_err(path))
}

/// Providers (every quarter, by every submitter that reports them) and staffing (by the
/// provider's home submitter) are known before any person is written.
fn write_reference_rows(sinks: &mut Sinks, w: &World, cal: &Calendar, dates: &Dates, staff: &Staff) -> Result<()> {
    let nsub = w.submitters.len();
    let mut f = Fields::default();
    for (pi, period) in cal.periods.iter().enumerate() {
        let qkey = period.year as i64 * 4 + period.quarter as i64;
        for (si, s) in w.submitters.iter().enumerate() {
            let pk = pi * nsub + si;
            let fmt = Fmt { mco: s.mco, dates };
            for &p in &s.providers {
                emit::provider_row(&mut f, fmt, w, p, w.accepting(p, qkey));
                sinks.push_fields(w, sinks.index(pk, emit::F_PROVIDERS), f.get())?;
            }
            for &p in &s.providers {
                if w.providers[p].home != si {
                    continue;
                }
                for (pool_i, pool) in w.pools.iter().enumerate().filter(|(_, pool)| pool.provider == p) {
                    for slot in 0..staff.k[pool_i] {
                        let langs = Staff::languages(w, pool_i, slot);
                        emit::staff_row(
                            &mut f,
                            fmt,
                            &Staff::cm_id(w, pool_i, slot),
                            &w.providers[p].id,
                            Staff::fte_text(w, pool_i, slot),
                            pool.types,
                            &langs,
                        );
                        sinks.push_fields(w, sinks.index(pk, emit::F_STAFFING), f.get())?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Truth {
    generator: &'static str,
    seed: u64,
    persons: u64,
    from: String,
    to: String,
    bad_rows_per_reason: u64,
    providers: Vec<PlantedProvider>,
    /// Whether the disparities (`statewide`, `disparities`) were planted (`--no-disparities`).
    disparities_planted: bool,
    statewide: Vec<Disparity>,
    disparities: Vec<ProviderDisparity>,
    notes: Vec<&'static str>,
}

#[derive(Serialize)]
struct PlantedProvider {
    provider_id: String,
    provider_name: String,
    provider_kind: &'static str,
    planted: &'static str,
    cm_types: Vec<&'static str>,
    effects: BTreeMap<&'static str, f64>,
    expected: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
struct Disparity {
    what: &'static str,
    who: &'static str,
    effects: BTreeMap<&'static str, f64>,
    expected: BTreeMap<&'static str, &'static str>,
}

/// A disparity planted at one provider, for persons of one preferred language.
#[derive(Serialize)]
struct ProviderDisparity {
    what: &'static str,
    provider_id: String,
    provider_name: String,
    provider_kind: &'static str,
    /// The persons' `preferred_language` (ISO 639-3).
    language: &'static str,
    who: String,
    effects: BTreeMap<&'static str, f64>,
    expected: BTreeMap<&'static str, String>,
}

fn truth_json(w: &World, opts: &GenerateOptions) -> Truth {
    use data::*;
    let mut providers = Vec::new();
    let mut planted: Vec<&world::Provider> = w.providers.iter().filter(|p| p.planted.is_some()).collect();
    planted.sort_by(|a, b| a.id.cmp(&b.id));
    for p in planted {
        let what = p.planted.expect("planted");
        let q = p.q;
        let effects: BTreeMap<&'static str, f64> = [
            ("contact_chance_multiplier", q.contact),
            ("timeliness_multiplier", q.timely),
            ("mh_followup_multiplier", q.followup),
            ("case_manager_change_per_month", q.turnover),
            ("survey_score_shift", q.survey),
            ("preventive_visit_multiplier", q.preventive),
            ("ed_rate_multiplier", q.ed),
            ("nf_admission_multiplier", q.nf),
            ("psych_readmission_multiplier", q.readmit),
            ("maltreatment_recurrence_multiplier", q.recur),
            ("case_mix_severity", q.severity),
            ("caseload_vs_standard", q.caseload),
        ]
        .into_iter()
        .map(|(k, v)| (k, (v * 1000.0).round() / 1000.0))
        .collect();
        let has = |t: u8| p.offers(t);
        let mut expected = BTreeMap::new();
        let verdict = match what {
            world::Planted::Worse => Some("worse"),
            world::Planted::Better => Some("better"),
            _ => None,
        };
        if let Some(v) = verdict {
            for m in [
                "contact-monthly",
                "assessment-timely",
                "plan-timely",
                "plan-review-annual",
                "same-case-manager",
                "experience-top-box",
                "preventive-visit",
                "ed-visit",
                "transition-followup-7",
            ] {
                expected.insert(m, v);
            }
            if has(AMH) || has(CMH) {
                expected.insert("fuh-7", v);
                expected.insert("fuh-30", v);
                expected.insert("psych-readmit-30", v);
            }
            if has(CW) {
                expected.insert("cw-in-person-monthly", v);
                expected.insert("cw-recurrence-12m", v);
            }
            if [EW, CADI, DD, BI, CAC, AC, VADD, MSHO, MSC, SNBC].iter().any(|t| has(*t)) {
                expected.insert("nf-admission", v);
            }
            if has(MSHO) || has(MSC) || has(SNBC) {
                expected.insert("cc-hra-30", v);
            }
        }
        match what {
            world::Planted::Sicker => {
                expected.insert("ed-visit", "higher unadjusted rate; no different after risk adjustment");
                expected.insert("contact-monthly", "no different");
                expected.insert("plan-timely", "no different");
            }
            world::Planted::HighCaseload => {
                expected.insert("caseload", "persons per FTE above the program standard");
            }
            _ => {
                if q.caseload > 1.1 {
                    expected.insert("caseload", "persons per FTE above the program standard");
                }
            }
        }
        providers.push(PlantedProvider {
            provider_id: p.id.clone(),
            provider_name: p.name.clone(),
            provider_kind: p.kind.code(),
            planted: what.code(),
            cm_types: emit::types_list(p.types).collect(),
            effects,
            expected,
        });
    }
    let statewide = if !w.disparities {
        Vec::new()
    } else {
        vec![Disparity {
            what: "language_gap",
            who: "persons with interpreter_needed Y whose provider lists no staff language matching their preferred_language",
            effects: [
                ("contact_chance_multiplier", 0.82),
                ("timeliness_multiplier", 0.92),
                ("discharge_contact_multiplier", 0.85),
                ("survey_score_shift", -0.7),
            ]
            .into_iter()
            .collect(),
            expected: [
                ("contact-monthly", "lower for interpreter=yes (and for non-English language strata)"),
                ("experience-top-box", "lower for interpreter=yes"),
                ("plan-timely", "lower for interpreter=yes"),
            ]
            .into_iter()
            .collect(),
        }]
    };
    let disparities = w
        .provider_gaps
        .iter()
        .map(|g| {
            let p = &w.providers[g.provider];
            ProviderDisparity {
                what: "provider_language_gap",
                provider_id: p.id.clone(),
                provider_name: p.name.clone(),
                provider_kind: p.kind.code(),
                language: g.language,
                who: format!(
                    "persons whose preferred_language is {} served by {} (which lists staff speaking it, so the statewide language_gap does not apply there)",
                    g.language, p.name
                ),
                effects: [("contact_chance_multiplier", g.contact)].into_iter().collect(),
                expected: [("contact-monthly", format!("gap flagged for language={} at this provider", g.language))].into_iter().collect(),
            }
        })
        .collect();
    let mut notes = vec![
        "Effects are multipliers on the generator's rates (1.0 = statewide typical) or shifts on the 0-10 survey scale.",
        "Expected verdicts compare a provider with providers of the same cm_type; the ALL row also reflects its mix of types.",
        "Person-level outcome effects (ed, preventive, nf) follow the provider of a person's first episode.",
        "A sicker case mix raises smi, sud, homelessness, chronic conditions and prior-year use; outcomes depend on those covariates only, so risk adjustment should explain the difference.",
        "Files of county-27001 and county-27007 end lines with CRLF; county-27005 and county-27007 start with a UTF-8 BOM; mco-south-country uses CRLF.",
    ];
    if !w.disparities {
        notes.push(
            "No disparities planted (--no-disparities): no provider serves persons differently by preferred language or interpreter need, so a language or interpreter gap flagged within a provider is a false flag. Strata still differ where age or program mix differ (children get more contacts), and statewide strata also by which providers people are served by.",
        );
    }
    Truth {
        generator: "casecard generate",
        seed: opts.seed,
        persons: opts.persons,
        from: opts.from.to_string(),
        to: opts.to.to_string(),
        bad_rows_per_reason: opts.bad_rows_per_reason,
        providers,
        disparities_planted: w.disparities,
        statewide,
        disparities,
        notes,
    }
}

#[cfg(test)]
mod tests;
