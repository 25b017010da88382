//! A person's life over the generated quarters — outcome events, case managers, contacts,
//! assessments and surveys — and the rows it leaves in each package.

use std::fmt::Write as _;

use super::data::*;
use super::emit::*;
use super::rng::{mix64, perm32, R};
use super::sim::*;
use super::world::{ProvKind, Quality, World};

/// Case-manager pools sized from the first pass.
pub(crate) struct Staff {
    /// Case managers per pool.
    pub k: Vec<u32>,
}

const CM_KEY: u32 = 0x5eed_ca5e;

impl Staff {
    /// `active[pool * np + period]`: episodes open on the last day of the quarter.
    pub(crate) fn from_counts(w: &World, active: &[u32], np: usize) -> Staff {
        let k = w
            .pools
            .iter()
            .enumerate()
            .map(|(i, pool)| {
                let peak = active[i * np..(i + 1) * np].iter().copied().max().unwrap_or(0);
                if peak == 0 {
                    return 0;
                }
                let need = peak as f64 / pool.target;
                let mut have = 0.0;
                let mut k = 0u32;
                while have < need && k < 60_000 {
                    have += Self::fte_of(w, i, k);
                    k += 1;
                }
                k.max(1)
            })
            .collect();
        Staff { k }
    }

    fn hash(w: &World, pool: usize, slot: u32, salt: u64) -> f64 {
        let p = &w.pools[pool];
        let h = mix64(((p.provider as u64) << 40) ^ ((p.local as u64) << 32) ^ slot as u64 ^ salt.wrapping_mul(0x9E37_79B9));
        (h >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn fte_of(w: &World, pool: usize, slot: u32) -> f64 {
        let u = Self::hash(w, pool, slot, 1);
        if u < 0.8 {
            1.0
        } else if u < 0.9 {
            0.8
        } else {
            0.5
        }
    }

    pub(crate) fn fte_text(w: &World, pool: usize, slot: u32) -> &'static str {
        match Self::fte_of(w, pool, slot) {
            x if x >= 1.0 => "1.0",
            x if x >= 0.8 => "0.8",
            _ => "0.5",
        }
    }

    pub(crate) fn cm_id(w: &World, pool: usize, slot: u32) -> String {
        let p = &w.pools[pool];
        let x = ((p.provider as u32) << 20) | (p.local << 16) | (slot & 0xffff);
        format!("CM{:08x}", perm32(x, CM_KEY))
    }

    pub(crate) fn languages(w: &World, pool: usize, slot: u32) -> Vec<&'static str> {
        let pr = &w.providers[w.pools[pool].provider];
        let mut out = vec!["eng"];
        for (i, l) in pr.languages.iter().enumerate().skip(1) {
            let p = if pr.culturally_specific { 0.6 } else { 0.15 };
            if (pr.culturally_specific && slot == 0) || Self::hash(w, pool, slot, 100 + i as u64) < p {
                out.push(l);
            }
        }
        out
    }
}

/// A person and provider known to be in a package, for the bad-row injector.
#[derive(Clone)]
pub(crate) struct Sample {
    pub pid: String,
    pub provider: usize,
    pub t: u8,
}

/// Rows of one chunk of persons, per sink (package × file slot).
pub(crate) struct Out<'a> {
    pub w: &'a World,
    pub cal: &'a Calendar,
    pub dates: &'a Dates,
    pub staff: &'a Staff,
    pub nsub: usize,
    pub bufs: Vec<Vec<u8>>,
    pub rows: Vec<u32>,
    pub first_len: Vec<u32>,
    pub samples: Vec<Option<Sample>>,
    enc: Encoder,
    f: Fields,
}

impl<'a> Out<'a> {
    pub(crate) fn new(w: &'a World, cal: &'a Calendar, dates: &'a Dates, staff: &'a Staff) -> Out<'a> {
        let nsub = w.submitters.len();
        let npk = nsub * cal.np();
        Out {
            w,
            cal,
            dates,
            staff,
            nsub,
            bufs: (0..npk * NFILES).map(|_| Vec::new()).collect(),
            rows: vec![0; npk * NFILES],
            first_len: vec![0; npk * NFILES],
            samples: vec![None; npk],
            enc: Encoder::new(),
            f: Fields::default(),
        }
    }

    fn fmt(&self, sub: usize) -> Fmt<'a> {
        Fmt { mco: self.w.submitters[sub].mco, dates: self.dates }
    }

    /// Encodes the current fields as a row of `file` in package `pk`.
    fn put(&mut self, pk: usize, file: usize) {
        let s = &self.w.submitters[pk % self.nsub];
        let sink = pk * NFILES + slot(s.mco, file);
        let buf = &mut self.bufs[sink];
        let before = buf.len();
        self.enc.encode(s.mco, s.crlf, self.f.get(), buf);
        if self.rows[sink] == 0 {
            self.first_len[sink] = (buf.len() - before) as u32;
        }
        self.rows[sink] += 1;
    }
}

#[derive(Clone, Copy)]
struct Ev {
    kind: u8,
    start: i32,
    end: Option<i32>,
    span: bool,
}

#[derive(Clone, Copy)]
struct Stay {
    start: i32,
    /// None: still in hospital after the last quarter.
    end: Option<i32>,
}

#[derive(Clone, Copy)]
enum Act {
    /// mode, with_whom, core (person/family) contact, tribal double-encounter
    Contact(u8, u8, bool, bool),
    Assess(u8),
}

fn arrivals(r: &mut R, from: i32, to: i32, per_month: f64) -> Vec<i32> {
    let mut v = Vec::new();
    if per_month <= 0.0 || to < from {
        return v;
    }
    let mean = 30.44 / per_month;
    let mut t = from as f64;
    loop {
        t += r.exp(mean);
        if t > to as f64 {
            return v;
        }
        v.push(t as i32);
    }
}

fn ind1(n: u32) -> f64 {
    if n == 1 {
        1.0
    } else {
        0.0
    }
}
fn ind2(n: u32) -> f64 {
    if n >= 2 {
        1.0
    } else {
        0.0
    }
}
fn b(x: bool) -> f64 {
    if x {
        1.0
    } else {
        0.0
    }
}

fn draw_mode(r: &mut R, t: u8, mco: bool) -> u8 {
    let w: [f64; 4] = if is_tcm(t) {
        [0.60, 0.15, 0.23, 0.02]
    } else if is_waiver(t) && !mco {
        [0.45, 0.10, 0.43, 0.02]
    } else {
        [0.40, 0.10, 0.50, 0.0]
    };
    let m = r.weighted(&w) as u8;
    if mco && m == 3 {
        2
    } else {
        m
    }
}

fn cm_on(cms: &[(i32, String)], none: bool, d: i32) -> &str {
    if none {
        return "";
    }
    let i = cms.partition_point(|(from, _)| *from <= d);
    cms[i.saturating_sub(1)].1.as_str()
}

const MODIFIER: [&str; NTYPES] = ["HE", "HA", "U4", "U3", "TG", "UB", "", "", "", "HA", "UB", "", "", ""];

/// Writes everything person `p` leaves in the packages.
pub(crate) fn live(o: &mut Out, p: &Person, r: &mut R) {
    let w = o.w;
    let cal = o.cal;
    let idx = p.idx;
    let pid = p.pid.as_str();
    let (homeless, smi, sud, phys, bi) =
        (p.flag(FL_HOMELESS), p.flag(FL_SMI), p.flag(FL_SUD), p.flag(FL_PHYS), p.flag(FL_BI));
    let age_w1 = age_on(p.birth, cal.w1);
    let chronic = p.chronic.unwrap_or(0).min(5) as f64;
    let pq: Quality = w.providers[p.episodes[0].provider].q;
    let death_cap = p.death.unwrap_or(i32::MAX);
    let horizon = death_cap.min(cal.w1);
    let first_start = p.episodes.iter().map(|e| e.start).min().expect("an episode");
    let last_end = p.episodes.iter().map(|e| e.end.unwrap_or(cal.w1)).max().expect("an episode");
    let e0 = (first_start - 60).max(cal.w0 - 400);
    let e1 = horizon.min(last_end + 60);
    let age_eff = if age_w1 < 18 {
        -0.2
    } else if age_w1 < 45 {
        0.2
    } else if age_w1 < 65 {
        0.1
    } else if age_w1 < 75 {
        0.0
    } else {
        0.2
    };
    let old = b(age_w1 >= 75) * 0.5 + b((65..75).contains(&age_w1)) * 0.3;
    // Events are drawn over a window that can open before a newborn's birth; those drawn
    // before it are dropped (after drawing, so everyone else's draws stay as they were).
    let born = |d: i32| d >= p.birth;

    // ---- Outcome events.
    let mut evs: Vec<Ev> = Vec::new();
    let mh_quality = |d: i32| -> Quality {
        p.episodes
            .iter()
            .find(|e| (e.t == AMH || e.t == CMH) && e.open_on(d))
            .map(|e| w.providers[e.provider].q)
            .unwrap_or(pq)
    };
    let psych_rate = (0.007f64.ln()
        + 0.5 * ind1(p.py_ip)
        + 0.9 * ind2(p.py_ip)
        + 0.5 * b(sud)
        + 0.6 * b(homeless)
        + 0.1 * chronic)
        .exp()
        * if smi { 1.0 } else { 0.12 };
    let ip_rate =
        (0.004f64.ln() + 0.18 * chronic + 0.4 * ind1(p.py_ip) + 0.8 * ind2(p.py_ip) + old + 0.3 * b(phys)).exp();
    let mut cands: Vec<(i32, u8)> = arrivals(r, e0, e1, psych_rate).into_iter().map(|d| (d, E_PSYCH)).collect();
    cands.extend(arrivals(r, e0, e1, ip_rate).into_iter().map(|d| (d, E_IP)));
    cands.sort_unstable();
    cands.retain(|(d, _)| born(*d));
    let mut stays: Vec<Stay> = Vec::new();
    let mut busy = i32::MIN;
    for &(d, k0) in &cands {
        if d <= busy {
            continue;
        }
        let (mut start, mut kind) = (d, k0);
        loop {
            let los = if kind == E_PSYCH { 2 + r.exp(8.0) as i32 } else { 1 + r.exp(4.0) as i32 }.min(60);
            let mut end = start + los;
            if end >= death_cap {
                end = death_cap;
            }
            let open = end > cal.w1;
            let stay_end = if open { None } else { Some(end) };
            evs.push(Ev { kind, start, end: stay_end, span: true });
            stays.push(Stay { start, end: stay_end });
            busy = end;
            if open || end == death_cap {
                break;
            }
            if kind == E_PSYCH {
                let q = mh_quality(end);
                let p7 = (0.45 * q.followup * (1.0 - 0.2 * b(homeless))).min(0.95);
                let u = r.u();
                let fu = if u < 0.04 {
                    Some(end)
                } else if u < p7 {
                    Some(end + r.int(1, 7))
                } else if u < p7 + (1.0 - p7) * 0.45 {
                    Some(end + r.int(8, 30))
                } else {
                    None
                };
                if let Some(f) = fu.filter(|f| *f <= horizon) {
                    evs.push(Ev { kind: E_MH_FOLLOWUP, start: f, end: None, span: false });
                }
                if r.chance((0.11 * q.readmit * (1.0 + 0.5 * b(homeless))).min(0.6)) {
                    start = end + r.int(1, 30);
                    kind = E_PSYCH;
                    if start > e1 {
                        break;
                    }
                    continue;
                }
            } else if smi && r.chance(0.04) {
                // Transfer: a psychiatric stay starting on the day of discharge.
                start = end;
                kind = E_PSYCH;
                continue;
            }
            break;
        }
    }
    let in_stay = |d: i32| stays.iter().any(|s| s.start < d && s.end.is_none_or(|e| d < e));
    let ed_rate = (0.012f64.ln()
        + 0.6 * b(smi)
        + 0.45 * b(sud)
        + 0.7 * b(homeless)
        + 0.15 * chronic
        + 0.45 * ind1(p.py_ed)
        + 0.9 * ind2(p.py_ed)
        + 0.3 * b(p.py_ip >= 1)
        + age_eff
        + 0.2 * b(phys))
    .exp()
        * pq.ed;
    for d in arrivals(r, e0, e1, ed_rate) {
        if !in_stay(d) && born(d) {
            evs.push(Ev { kind: E_ED, start: d, end: None, span: false });
        }
    }
    let nf_eligible = age_w1 >= 18
        && p.episodes.iter().any(|e| matches!(e.t, EW | CADI | DD | BI | CAC | AC | VADD | MSHO | MSC | SNBC | RSC));
    if nf_eligible {
        let nf_rate =
            (0.0025f64.ln() + 0.15 * chronic + 1.2 * old + 0.4 * b(phys) + 0.3 * b(bi)).exp() * pq.nf;
        let mut nf_busy = i32::MIN;
        for d in arrivals(r, e0, e1, nf_rate) {
            if d <= nf_busy || in_stay(d) || !born(d) {
                continue;
            }
            let los = if r.chance(0.85) { 10 + (r.exp(30.0) as i32).min(90) } else { 200 + r.exp(400.0) as i32 };
            let mut end = d + los;
            if end >= death_cap {
                end = death_cap;
            }
            evs.push(Ev { kind: E_NF, start: d, end: (end <= cal.w1).then_some(end), span: true });
            nf_busy = end;
        }
    }
    let p_prev = (if age_w1 < 18 {
        0.72
    } else if age_w1 < 65 {
        0.55
    } else {
        0.70
    } * pq.preventive
        * (1.0 - 0.25 * b(homeless)))
        .min(0.95);
    for d in arrivals(r, e0, e1, -(1.0 - p_prev).ln() / 12.0).into_iter().filter(|d| born(*d)) {
        evs.push(Ev { kind: E_PREVENTIVE, start: d, end: None, span: false });
    }
    if smi {
        for d in arrivals(r, e0, e1, 0.03).into_iter().filter(|d| born(*d)) {
            evs.push(Ev { kind: E_MH_FOLLOWUP, start: d, end: None, span: false });
        }
    }
    // Child welfare: the finding that opens a case, recurrences, out-of-home placements.
    let cap18 = add_years(p.birth, 18) - 1;
    let mut placements: Vec<(i32, Option<i32>)> = Vec::new();
    for ep in p.episodes.iter().filter(|e| e.t == CW) {
        let q = w.providers[ep.provider].q;
        let ep_hi = ep.end.unwrap_or(i32::MAX).min(cap18);
        let last = ep_hi.min(horizon);
        let mut reports = Vec::new();
        let u = r.u();
        let m0 = if u < 0.65 {
            Some(ep.start + r.int(0, 14))
        } else if u < 0.85 {
            Some((ep.start - r.int(1, 20)).max(p.birth))
        } else {
            None
        };
        reports.extend(m0);
        reports.extend(arrivals(r, m0.unwrap_or(ep.start), cap18.min(horizon), 0.011 * q.recur));
        for d in reports {
            if d > horizon {
                continue;
            }
            evs.push(Ev { kind: E_MALTREATMENT, start: d, end: None, span: false });
            if r.chance(0.08) {
                let d2 = d + r.int(1, 14);
                if d2 <= horizon {
                    evs.push(Ev { kind: E_MALTREATMENT, start: d2, end: None, span: false });
                }
            }
        }
        let mut next = if r.chance(0.45) { Some(ep.start + r.int(0, 30)) } else { None };
        while let Some(s) = next {
            if s > last {
                break;
            }
            let mut end = s + 14 + r.exp(270.0) as i32;
            if end >= ep_hi {
                end = ep_hi;
            }
            if end >= death_cap {
                end = death_cap;
            }
            let end = (end <= cal.w1).then_some(end);
            evs.push(Ev { kind: E_PLACEMENT, start: s, end, span: true });
            placements.push((s, end));
            next = end.map(|e| e + 1 + r.exp(30.44 / 0.012) as i32);
        }
    }
    if let Some(d) = p.death {
        evs.push(Ev { kind: E_DEATH, start: d, end: None, span: false });
    }
    evs.sort_by_key(|e| (e.start, e.kind, e.end));

    let mut touched: Vec<u32> = Vec::new();
    let np = cal.np();
    let nsub = o.nsub;
    let mut id = String::new();
    let mut epid = String::new();

    // ---- Episodes: case managers, contacts, assessments, surveys.
    for (k, ep) in p.episodes.iter().enumerate() {
        let ep_last = ep.end.unwrap_or(cal.w1).min(cal.w1);
        if ep.start > cal.w1 || ep_last < cal.w0 {
            continue;
        }
        let pr = &w.providers[ep.provider];
        let q = pr.q;
        let sub = ep.sub;
        let mco = w.submitters[sub].mco;
        let fmt = o.fmt(sub);
        let pool = pr.pool_of[ep.t as usize] as usize;
        let kk = o.staff.k[pool].max(1);
        let gap = p.language_gap(w, ep.provider);
        epid.clear();
        if mco {
            let _ = write!(epid, "{}{:02}", 100_000_000 + idx, k);
        } else {
            let _ = write!(epid, "E{idx:07}-{k}");
        }

        // Case managers over time.
        let no_cm = r.chance(0.01);
        let mut cms: Vec<(i32, String)> = vec![(i32::MIN, Staff::cm_id(w, pool, r.below(kk as usize) as u32))];
        let mut m = next_month(ep.start.max(cal.w0 - 31));
        while m <= ep_last {
            if r.chance(q.turnover) {
                cms.push((m + r.int(0, 27), Staff::cm_id(w, pool, r.below(kk as usize) as u32)));
            }
            m = next_month(m);
        }
        let cm_at = |d: i32| cm_on(&cms, no_cm, d);

        // Episode rows, one per quarter it is open in.
        let p0 = cal.period_of(ep.start.max(cal.w0)).expect("in window");
        let p1 = cal.period_of(ep_last).expect("in window");
        for pi in p0..=p1 {
            let last = cal.last[pi];
            let end = ep.end.filter(|e| *e <= last);
            let row = EpisodeRow {
                id: &epid,
                person: pid,
                provider: &pr.id,
                t: ep.t,
                payer_mco: ep.payer_mco,
                court: ep.court,
                start: ep.start,
                end,
                reason: end.map(|_| ep.reason),
                cm: cm_at(end.unwrap_or(last)),
            };
            episode_row(&mut o.f, fmt, &row);
            let pk = pi * nsub + sub;
            o.put(pk, F_EPISODES);
            touched.push(pk as u32);
            if o.samples[pk].is_none() {
                o.samples[pk] = Some(Sample { pid: p.pid.clone(), provider: ep.provider, t: ep.t });
            }
        }

        // Contacts: a chance of contact in every month the episode is open.
        let lo = ep.start.max(cal.w0);
        let hi = ep_last.min(death_cap - 1);
        let mut acts: Vec<(i32, Act)> = Vec::new();
        let params = &TYPES[ep.t as usize];
        let base = params.contact * q.contact * if gap { 0.82 } else { 1.0 } * w.provider_gap_contact(ep.provider, p.lang);
        let child = age_on(p.birth, lo) < 18;
        let tribal_tcm = pr.kind == ProvKind::Tribal && is_tcm(ep.t);
        if lo <= hi {
            let mut m = month_first(lo);
            while m <= hi {
                let nm = next_month(m);
                let (a, z) = (m.max(lo), (nm - 1).min(hi));
                let days = (z - a + 1) as f64;
                let mut prob = base;
                if days < 28.0 {
                    prob *= 0.35 + 0.65 * days / 30.0;
                }
                let placed = ep.t == CW && placements.iter().any(|(s, e)| *s <= z && e.is_none_or(|e| e >= a));
                if r.chance(prob.min(0.97)) {
                    let n = 1 + r.poisson(params.extra);
                    for j in 0..n {
                        let day = r.int(a, z);
                        let mut with = if r.chance(if child { 0.45 } else { 0.15 }) { 1 } else { 0 };
                        let mode = if placed && j == 0 {
                            if r.chance((0.9 * q.contact).min(0.98)) {
                                with = 0;
                                0
                            } else {
                                1 + r.below(2) as u8
                            }
                        } else {
                            draw_mode(r, ep.t, mco)
                        };
                        if mco {
                            with = 0;
                        }
                        acts.push((day, Act::Contact(mode, with, true, tribal_tcm && r.chance(0.015))));
                    }
                }
                if !mco {
                    for _ in 0..r.poisson(0.3) {
                        let day = r.int(a, z);
                        let with = if r.chance(0.75) { 2 } else { 3 };
                        let mode = if r.chance(0.7) { 2 } else { [0u8, 1, 3][r.below(3)] };
                        acts.push((day, Act::Contact(mode, with, false, false)));
                    }
                }
                m = nm;
            }
            // Reaching out after a hospital discharge.
            for s in &stays {
                let Some(e) = s.end else { continue };
                if e < lo || e > hi || !ep.open_on(e) {
                    continue;
                }
                if r.chance((0.55 * q.contact * if gap { 0.85 } else { 1.0 }).min(0.95)) {
                    let day = e + r.int(1, 7);
                    if day <= hi {
                        let with = if !mco && r.chance(if child { 0.45 } else { 0.15 }) { 1 } else { 0 };
                        acts.push((day, Act::Contact(draw_mode(r, ep.t, mco), with, true, false)));
                    }
                }
            }
        }

        // Assessments and plans.
        let tq = q.timely * if gap { 0.92 } else { 1.0 };
        let cc = is_cc(ep.t) || mco;
        let init = if cc {
            K_HRA
        } else if is_waiver(ep.t) {
            K_MNCHOICES
        } else {
            K_ASSESSMENT
        };
        let q_first = super::sim::dn(crate::period::Period::containing(nd(ep.start)).first_day());
        let mut plan: Vec<(i32, u8)> = Vec::new();
        if r.chance((0.9 * tq).min(0.98)) {
            let d = if !cc && r.chance(0.25) { (ep.start - r.int(1, 15)).max(q_first).max(p.birth) } else { ep.start + r.int(0, 30) };
            plan.push((d, init));
        } else if r.chance(0.7) {
            plan.push((ep.start + r.int(31, 100), init));
        }
        if r.chance((0.88 * tq).min(0.98)) {
            plan.push((ep.start + r.int(5, 60), K_CARE_PLAN));
        } else if r.chance(0.7) {
            plan.push((ep.start + r.int(61, 150), K_CARE_PLAN));
        }
        if ep.t == RSC {
            plan.push((ep.start + r.int(0, 30), K_TRANSITION));
        }
        let mut year = 1;
        loop {
            let anniv = add_years(ep.start, year);
            if anniv - 45 > ep_last {
                break;
            }
            if r.chance((0.9 * tq).min(0.98)) {
                plan.push((anniv + r.int(-45, 15), K_PLAN_REVIEW));
            }
            if cc {
                if r.chance((0.85 * tq).min(0.98)) {
                    plan.push((anniv + r.int(-30, 10), K_HRA));
                }
            } else if is_waiver(ep.t) && r.chance((0.85 * tq).min(0.98)) {
                plan.push((anniv + r.int(-30, 10), K_MNCHOICES));
            }
            year += 1;
        }
        for s in &stays {
            let Some(e) = s.end else { continue };
            if !ep.open_on(e) {
                continue;
            }
            if (cc && r.chance(0.6)) || (ep.t == AMH && r.chance(0.25)) {
                plan.push((e + r.int(0, 10), K_TRANSITION));
            }
        }
        for (d, kind) in plan {
            if d >= cal.w0 && d <= ep_last && d < death_cap && d >= q_first {
                acts.push((d, Act::Assess(kind)));
            }
        }
        acts.sort_by_key(|(d, a)| (*d, matches!(a, Act::Assess(_))));

        // Rows for contacts and assessments.
        let (mut n_contact, mut n_assess) = (0u32, 0u32);
        for (day, act) in acts {
            let pi = cal.period_of(day).expect("in window");
            let pk = pi * nsub + sub;
            match act {
                Act::Contact(mode, with, core, double) => {
                    // Another case manager covers now and then (more often where staff turn over).
                    let covering = r.chance(0.01 * q.turnover / 0.03);
                    let cm_owned;
                    let cm = if no_cm {
                        ""
                    } else if covering {
                        cm_owned = Staff::cm_id(w, pool, r.below(kk as usize) as u32);
                        cm_owned.as_str()
                    } else {
                        cm_at(day)
                    };
                    let (location, pos) = match mode {
                        0 => {
                            let l = r.weighted(&[0.5, 0.25, 0.18, 0.07]) as u8;
                            (Some(l), ["12", "11", "99", "32"][l as usize])
                        }
                        1 => (Some(if r.chance(0.9) { 0 } else { 4 }), if r.chance(0.5) { "10" } else { "02" }),
                        2 => (if r.chance(0.4) { Some(4) } else { None }, if r.chance(0.5) { "" } else { "10" }),
                        _ => (if r.chance(0.5) { Some(4) } else { None }, if r.chance(0.5) { "99" } else { "" }),
                    };
                    let procedure = if r.chance(0.03) {
                        ""
                    } else if pr.kind == ProvKind::Tribal {
                        if is_tcm(ep.t) {
                            "T1017"
                        } else {
                            "T1016"
                        }
                    } else if is_tcm(ep.t) {
                        "T2023"
                    } else if (ep.t == EW || ep.t == AC) && r.chance(0.4) {
                        "G9002"
                    } else {
                        "T1016"
                    };
                    let modifiers = match (MODIFIER[ep.t as usize], mode) {
                        ("", 1) => "95",
                        ("", 2) => "93",
                        ("", _) => "",
                        (m, 1) => match m {
                            "HE" => "HE;95",
                            "HA" => "HA;95",
                            "U4" => "U4;95",
                            "U3" => "U3;95",
                            "TG" => "TG;95",
                            _ => "UB;95",
                        },
                        (m, _) => m,
                    };
                    let billed = if r.chance(0.01) {
                        None
                    } else {
                        Some(match (core, mode) {
                            (false, _) => r.chance(0.05),
                            (true, 0 | 1) => r.chance(0.93),
                            (true, 2) => r.chance(0.6),
                            _ => false,
                        })
                    };
                    let minutes = if r.chance(0.02) {
                        None
                    } else if !core {
                        Some(r.int(5, 30) as u32)
                    } else {
                        Some(match mode {
                            0 => r.int(30, 90),
                            1 => r.int(20, 60),
                            2 => r.int(5, 30),
                            _ => r.int(5, 20),
                        } as u32)
                    };
                    let times = if double && billed == Some(true) && procedure == "T1017" { 2 } else { 1 };
                    for _ in 0..times {
                        id.clear();
                        if mco {
                            let _ = write!(id, "{}{:02}{:04}", 100_000_000 + idx, k, n_contact + n_assess);
                        } else {
                            let _ = write!(id, "C{idx:07}-{k}-{n_contact}");
                        }
                        n_contact += 1;
                        let row = ContactRow {
                            id: &id,
                            episode: &epid,
                            person: pid,
                            provider: &pr.id,
                            cm,
                            date: day,
                            mode,
                            location,
                            with_whom: with,
                            procedure,
                            modifiers,
                            pos,
                            billed,
                            minutes,
                        };
                        contact_row(&mut o.f, fmt, &row);
                        o.put(pk, F_CONTACTS);
                    }
                }
                Act::Assess(kind) => {
                    debug_assert!(!mco || mco_can_assess(kind));
                    id.clear();
                    if mco {
                        let _ = write!(id, "{}{:02}{:04}", 100_000_000 + idx, k, n_contact + n_assess);
                    } else {
                        let _ = write!(id, "A{idx:07}-{k}-{n_assess}");
                    }
                    n_assess += 1;
                    let minutes = if mco {
                        Some(match kind {
                            K_HRA => r.int(60, 120),
                            K_CARE_PLAN => r.int(30, 90),
                            K_PLAN_REVIEW => r.int(30, 60),
                            _ => r.int(15, 45),
                        } as u32)
                    } else {
                        None
                    };
                    let row = AssessmentRow {
                        id: &id,
                        episode: &epid,
                        person: pid,
                        provider: &pr.id,
                        cm: cm_at(day),
                        kind,
                        date: day,
                        minutes,
                    };
                    assessment_row(&mut o.f, fmt, &row);
                    o.put(pk, F_ASSESSMENTS);
                }
            }
            touched.push(pk as u32);
        }

        // Experience-of-care surveys.
        let p_survey = if cc { 0.07 } else { 0.045 };
        let s_hi = ep_last.min(death_cap - 1);
        for pi in p0..=p1 {
            let (a, z) = (cal.first[pi].max(ep.start), cal.last[pi].min(s_hi));
            if a > z || !r.chance(p_survey) {
                continue;
            }
            let day = r.int(a, z);
            let age = age_on(p.birth, day);
            let proxy = r.chance(if age < 18 {
                0.95
            } else if ep.t == DD || ep.t == VADD {
                0.5
            } else if age >= 75 {
                0.3
            } else {
                0.08
            });
            let in_own = !p.lang.is_empty() && p.lang != "eng" && r.chance(0.8);
            let language = if in_own { p.lang } else { "eng" };
            let latent = 7.9 + q.survey - if gap { 0.7 } else { 0.0 } + if proxy { 0.3 } else { 0.0 } + 1.7 * r.normal();
            let item = |r: &mut R| {
                if r.chance(0.04) {
                    None
                } else {
                    Some(((latent - 1.5) / 2.3 + 0.5 * r.normal()).round().clamp(1.0, 4.0) as u32)
                }
            };
            let items = [item(r), item(r), item(r), item(r), item(r)];
            let informed = if r.chance(0.03) { None } else { Some(latent + r.normal() > 5.5) };
            let overall = if r.chance(0.01) { None } else { Some(latent.round().clamp(0.0, 10.0) as u32) };
            id.clear();
            if mco {
                let _ = write!(id, "R{}{:02}{pi:02}", 100_000_000 + idx, k);
            } else {
                let _ = write!(id, "S{idx:07}-{k}-{pi}");
            }
            let row = SurveyRow {
                id: &id,
                person: pid,
                provider: &pr.id,
                t: ep.t,
                date: day,
                proxy: if r.chance(0.02) { None } else { Some(proxy) },
                language,
                items,
                informed,
                overall,
            };
            survey_row(&mut o.f, fmt, &row);
            let pk = pi * nsub + sub;
            o.put(pk, F_SURVEYS);
            touched.push(pk as u32);
        }
    }

    // ---- Events, reported by the submitter serving the person that day.
    for (n, ev) in evs.iter().enumerate() {
        if ev.start > cal.w1 || (ev.span && ev.end.is_some_and(|e| e < cal.w0)) || (!ev.span && ev.start < cal.w0) {
            continue;
        }
        let mco_ok = mco_can_send(ev.kind);
        let eligible = |e: &&Ep| mco_ok || !w.submitters[e.sub].mco;
        let sub = match p.episodes.iter().filter(eligible).find(|e| e.open_on(ev.start)) {
            Some(e) => e.sub,
            None => {
                let dist = |e: &Ep| {
                    if ev.start < e.start {
                        e.start - ev.start
                    } else {
                        ev.start - e.end.unwrap_or(ev.start)
                    }
                };
                match p.episodes.iter().filter(eligible).min_by_key(|e| dist(e)) {
                    Some(e) => e.sub,
                    None => continue,
                }
            }
        };
        let mco = w.submitters[sub].mco;
        let fmt = o.fmt(sub);
        id.clear();
        if mco {
            let _ = write!(id, "U{}{n:03}", 100_000_000 + idx);
        } else {
            let _ = write!(id, "V{idx:07}-{n}");
        }
        let p0 = cal.period_of(ev.start.max(cal.w0)).expect("in window");
        let p1 = if ev.span { ev.end.map_or(np - 1, |e| cal.period_of(e).expect("in window")) } else { p0 };
        for pi in p0..=p1 {
            let end = if ev.span { ev.end.filter(|e| *e <= cal.last[pi]) } else { None };
            let row = EventRow { id: &id, person: pid, kind: ev.kind, start: ev.start, end };
            event_row(&mut o.f, fmt, &row);
            let pk = pi * nsub + sub;
            o.put(pk, F_EVENTS);
            touched.push(pk as u32);
        }
    }

    // ---- The person, once in every package that refers to them.
    touched.sort_unstable();
    touched.dedup();
    let race = p.race;
    for pk in touched {
        let pk = pk as usize;
        let (pi, sub) = (pk / nsub, pk % nsub);
        let (county, zip) = p.county_on(cal.last[pi]);
        let row = PersonRow {
            id: pid,
            birth: p.birth_known.then_some(p.birth),
            sex: p.sex,
            race,
            hispanic: p.hispanic,
            ethnicity: p.ethnicity,
            language: p.lang,
            interpreter: p.interp,
            county: crate::geography::COUNTIES[county].fips,
            zip,
            tribe: p.tribe.map(|t| crate::geography::TRIBES[t].id).unwrap_or(""),
            flags: p.flags,
            chronic: p.chronic,
            py_ip: Some(p.py_ip),
            py_ed: Some(p.py_ed),
        };
        let fmt = o.fmt(sub);
        person_row(&mut o.f, fmt, &row);
        o.put(pk, F_PERSONS);
    }
}
