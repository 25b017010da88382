//! A person's skeleton: who they are, where they live, and their case-management episodes
//! (type, provider, submitter, dates). Computed twice per person (once to size the
//! case-manager pools, once to write), so it must depend only on the seed and the index.

use chrono::{Datelike, Months, NaiveDate};

use super::data::*;
use super::emit::{R_DEATH, R_GOALS, R_INELIGIBLE, R_MOVED, R_OTHER, R_PROVIDER};
use super::rng::{perm48, R};
use super::world::World;
use crate::period::Period;

pub(crate) fn nd(d: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(d).expect("date in range")
}
pub(crate) fn dn(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}
pub(crate) fn add_years(d: i32, years: i32) -> i32 {
    let x = nd(d);
    let m = Months::new(12 * years.unsigned_abs());
    dn(if years >= 0 { x.checked_add_months(m) } else { x.checked_sub_months(m) }.expect("date in range"))
}
/// First day of the month containing `d`.
pub(crate) fn month_first(d: i32) -> i32 {
    let x = nd(d);
    d - (x.day() as i32 - 1)
}
/// First day of the next month.
pub(crate) fn next_month(d: i32) -> i32 {
    let x = nd(month_first(d));
    dn(x.checked_add_months(Months::new(1)).expect("date in range"))
}
/// Whole years of age on day `d`.
pub(crate) fn age_on(birth: i32, d: i32) -> i32 {
    let (b, x) = (nd(birth), nd(d));
    let mut a = x.year() - b.year();
    if (x.month(), x.day()) < (b.month(), b.day()) {
        a -= 1;
    }
    a
}

/// The quarters generated, as day numbers.
pub(crate) struct Calendar {
    pub periods: Vec<Period>,
    pub first: Vec<i32>,
    pub last: Vec<i32>,
    pub w0: i32,
    pub w1: i32,
    base: i32,
}

impl Calendar {
    pub(crate) fn new(from: Period, to: Period) -> Calendar {
        let periods = from.through(to);
        let first: Vec<i32> = periods.iter().map(|p| dn(p.first_day())).collect();
        let last: Vec<i32> = periods.iter().map(|p| dn(p.last_day())).collect();
        Calendar { w0: first[0], w1: *last.last().expect("a quarter"), first, last, base: from.year * 4 + from.quarter as i32 - 1, periods }
    }
    pub(crate) fn np(&self) -> usize {
        self.periods.len()
    }
    /// Index of the quarter holding `d`, if generated.
    pub(crate) fn period_of(&self, d: i32) -> Option<usize> {
        let x = nd(d);
        let q = x.year() * 4 + (x.month() as i32 - 1) / 3 - self.base;
        (q >= 0 && (q as usize) < self.periods.len()).then_some(q as usize)
    }
}

pub(crate) const FL_DUAL: usize = 0;
pub(crate) const FL_HOMELESS: usize = 1;
pub(crate) const FL_SMI: usize = 2;
pub(crate) const FL_SUD: usize = 3;
pub(crate) const FL_DD: usize = 4;
pub(crate) const FL_BI: usize = 5;
pub(crate) const FL_PHYS: usize = 6;

#[derive(Debug, Clone)]
pub(crate) struct Ep {
    pub provider: usize,
    pub sub: usize,
    pub t: u8,
    pub start: i32,
    /// Last day of the episode (None: still open at the end of the last quarter).
    pub end: Option<i32>,
    pub reason: u8,
    pub payer_mco: Option<bool>,
    pub court: Option<bool>,
}

impl Ep {
    pub(crate) fn open_on(&self, d: i32) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }
}

pub(crate) struct Person {
    pub idx: u64,
    pub pid: String,
    pub birth: i32,
    pub birth_known: bool,
    pub sex: &'static str,
    pub race: &'static str,
    pub hispanic: &'static str,
    pub ethnicity: &'static str,
    pub lang: &'static str,
    pub interp: Option<bool>,
    pub tribe: Option<usize>,
    pub county: usize,
    pub zip: &'static str,
    /// (day, new county, new zip): from that day the person lives elsewhere.
    pub moved: Option<(i32, usize, &'static str)>,
    pub flags: [Option<bool>; 7],
    pub chronic: Option<u32>,
    pub py_ip: u32,
    pub py_ed: u32,
    pub death: Option<i32>,
    pub episodes: Vec<Ep>,
}

impl Person {
    pub(crate) fn flag(&self, i: usize) -> bool {
        self.flags[i] == Some(true)
    }
    pub(crate) fn county_on(&self, d: i32) -> (usize, &'static str) {
        match self.moved {
            Some((m, c, z)) if d >= m => (c, z),
            _ => (self.county, self.zip),
        }
    }
    /// Needs an interpreter the provider cannot offer in the person's language (and so, where
    /// disparities are planted, is served worse).
    pub(crate) fn language_gap(&self, w: &World, provider: usize) -> bool {
        w.disparities && self.interp == Some(true) && !w.providers[provider].speaks(self.lang)
    }
}

pub(crate) fn person_id(idx: u64, key: u64) -> String {
    format!("P{:012x}", perm48(idx, key))
}

fn draw_age(r: &mut R, t: u8) -> i32 {
    let bands = TYPES[t as usize].ages;
    let ws: Vec<f64> = bands.iter().map(|b| b.2).collect();
    let (lo, hi, _) = bands[r.weighted(&ws)];
    r.int(lo as i32, hi as i32)
}

/// Last day a person can be in a type because of age, if limited.
fn age_cap(t: u8, birth: i32) -> Option<i32> {
    if is_child_type(t) {
        Some(add_years(birth, 18) - 1)
    } else if t == SNBC {
        Some(add_years(birth, 65) - 1)
    } else {
        None
    }
}

fn end_reason(r: &mut R, t: u8) -> u8 {
    // goals_met, moved, person_choice, provider_change, ineligible, (death), other
    let w: [f64; 7] = if is_tcm(t) {
        [0.35, 0.10, 0.15, 0.12, 0.15, 0.0, 0.13]
    } else if is_cc(t) {
        [0.0, 0.15, 0.15, 0.25, 0.30, 0.0, 0.15]
    } else {
        [0.05, 0.12, 0.10, 0.18, 0.35, 0.0, 0.20]
    };
    r.weighted(&w) as u8
}

/// Who serves a person of type `t` in county `c`: (provider, submitter).
#[allow(clippy::too_many_arguments)]
pub(crate) fn choose(
    w: &World,
    r: &mut R,
    t: u8,
    c: usize,
    group: Group,
    lang: &str,
    tribe: Option<usize>,
    aian: bool,
    exclude: Option<usize>,
) -> (usize, usize) {
    if is_cc(t) || (t == EW && r.chance(0.35)) {
        let opts = &w.mco_options[c][t as usize];
        if !opts.is_empty() {
            let ws: Vec<f64> =
                opts.iter().map(|(m, wt)| if Some(w.mco_provider[*m]) == exclude { wt * 0.05 } else { *wt }).collect();
            let m = opts[r.weighted(&ws)].0;
            let prov = if w.delegated[m][c] && r.chance(0.85) { w.county_provider[c] } else { w.mco_provider[m] };
            return (prov, w.mco_sub[m]);
        }
    }
    if aian {
        for &tr in &w.county_tribes[c] {
            let provs: Vec<usize> =
                w.tribal[tr].iter().copied().filter(|p| w.providers[*p].offers(t) && Some(*p) != exclude).collect();
            if provs.is_empty() {
                continue;
            }
            let p = if tribe == Some(tr) { 0.75 } else { 0.3 };
            if r.chance(p) {
                return (*r.pick(&provs), w.tribe_sub[tr]);
            }
        }
    }
    let county_p = w.county_provider[c];
    let cands: Vec<usize> = w.privates[c][t as usize].iter().copied().filter(|p| Some(*p) != exclude).collect();
    if !cands.is_empty() {
        let matches = |p: usize| {
            let pr = &w.providers[p];
            pr.community == Some(group) || (lang != "eng" && !lang.is_empty() && pr.languages[1..].contains(&lang))
        };
        let matching: Vec<usize> = cands.iter().copied().filter(|p| matches(*p)).collect();
        let params = &TYPES[t as usize];
        let share = if w.metro[c] { params.private.0 } else { params.private.1 };
        let (p_private, pool) = if !matching.is_empty() && r.chance(0.8) { (1.0, matching) } else { (share, cands) };
        if r.chance(p_private) || exclude == Some(county_p) {
            let ws: Vec<f64> = pool
                .iter()
                .map(|p| {
                    let pr = &w.providers[*p];
                    pr.size * if pr.culturally_specific && !matches(*p) { 0.15 } else { 1.0 }
                })
                .collect();
            return (pool[r.weighted(&ws)], w.county_sub[c]);
        }
    }
    (county_p, w.county_sub[c])
}

const RACE_MULTI: [&str; 6] = ["BLACK;WHITE", "AIAN;WHITE", "ASIAN;WHITE", "AIAN;BLACK", "NHPI;WHITE", "AIAN;BLACK;WHITE"];

struct Demo {
    race: &'static str,
    hispanic: &'static str,
    ethnicity: &'static str,
    lang: &'static str,
}

/// Race, ethnicity and language of a person of a group; `stage` 0 child, 1 adult, 2 elder.
fn demographics(r: &mut R, g: Group, stage: usize, metro: bool, tribe: Option<usize>) -> Demo {
    let native = |r: &mut R, p: [f64; 3], code: &'static str| if r.chance(p[stage]) { code } else { "eng" };
    let hisp_n = |r: &mut R| {
        let u = r.u();
        if u < 0.96 {
            "N"
        } else if u < 0.98 {
            "U"
        } else {
            ""
        }
    };
    match g {
        Group::White => {
            let russian = metro && r.chance(0.015);
            Demo {
                race: "WHITE",
                hispanic: hisp_n(r),
                ethnicity: if russian { "RUSSIAN" } else { "" },
                lang: if russian { native(r, [0.3, 0.5, 0.9], "rus") } else { "eng" },
            }
        }
        Group::AfAm => Demo {
            race: "BLACK",
            hispanic: hisp_n(r),
            ethnicity: if r.chance(0.15) { "AFRICAN_AMERICAN" } else if r.chance(0.05) { "LIBERIAN" } else { "" },
            lang: "eng",
        },
        Group::Somali => Demo { race: "BLACK", hispanic: "N", ethnicity: "SOMALI", lang: native(r, [0.35, 0.7, 0.95], "som") },
        Group::Oromo => {
            if r.chance(0.75) {
                Demo { race: "BLACK", hispanic: "N", ethnicity: "OROMO", lang: native(r, [0.35, 0.65, 0.9], "orm") }
            } else {
                Demo { race: "BLACK", hispanic: "N", ethnicity: "ETHIOPIAN", lang: native(r, [0.3, 0.6, 0.9], "amh") }
            }
        }
        Group::Hmong => Demo { race: "ASIAN", hispanic: "N", ethnicity: "HMONG", lang: native(r, [0.2, 0.45, 0.95], "hmn") },
        Group::Karen => Demo { race: "ASIAN", hispanic: "N", ethnicity: "KAREN", lang: native(r, [0.4, 0.8, 0.95], "kar") },
        Group::SeAsian => {
            let (eth, code) = *r.pick(&[("VIETNAMESE", "vie"), ("VIETNAMESE", "vie"), ("LAO", "lao"), ("KHMER", "khm")]);
            Demo { race: "ASIAN", hispanic: "N", ethnicity: eth, lang: native(r, [0.25, 0.55, 0.9], code) }
        }
        Group::Latino => {
            let race = *r.pick(&["WHITE", "WHITE", "OTHER", "", "WHITE", "OTHER", "", "AIAN;WHITE"]);
            let eth = ["MEXICAN", "GUATEMALAN", "PUERTO_RICAN", "ECUADORIAN", "SALVADORAN", ""]
                [r.weighted(&[0.65, 0.08, 0.07, 0.08, 0.07, 0.05])];
            Demo { race, hispanic: "Y", ethnicity: eth, lang: native(r, [0.25, 0.5, 0.85], "spa") }
        }
        Group::Aian => {
            let eth = match tribe {
                Some(t) if TRIBE_DAKOTA[t] => "DAKOTA",
                Some(_) => "OJIBWE",
                None => ["OJIBWE", "DAKOTA", "HO-CHUNK", ""][r.weighted(&[0.55, 0.2, 0.05, 0.2])],
            };
            let heritage = if eth == "DAKOTA" { "dak" } else { "oji" };
            let lang = if r.chance([0.01, 0.02, 0.08][stage]) { heritage } else { "eng" };
            Demo { race: if r.chance(0.85) { "AIAN" } else { "AIAN;WHITE" }, hispanic: hisp_n(r), ethnicity: eth, lang }
        }
        Group::Multi => Demo { race: RACE_MULTI[r.below(RACE_MULTI.len())], hispanic: hisp_n(r), ethnicity: "", lang: "eng" },
        Group::Unknown => {
            let race = ["DECLINED", "UNKNOWN", ""][r.weighted(&[0.4, 0.35, 0.25])];
            let hispanic = ["U", "N", ""][r.weighted(&[0.5, 0.2, 0.3])];
            Demo { race, hispanic, ethnicity: "", lang: if r.chance(0.8) { "eng" } else { "" } }
        }
        Group::Mena => Demo {
            race: if r.chance(0.8) { "MENA" } else { "MENA;WHITE" },
            hispanic: "N",
            ethnicity: ["ARAB", "IRAQI", "SYRIAN", "YEMENI"][r.below(4)],
            lang: native(r, [0.3, 0.55, 0.85], "ara"),
        },
    }
}

/// Chance of each flag (homeless, smi, sud, dd, bi, physical_disability) by first type.
const P_FLAGS: [[f64; 6]; NTYPES] = [
    [0.14, 0.95, 0.35, 0.02, 0.02, 0.12],
    [0.03, 0.90, 0.08, 0.05, 0.005, 0.05],
    [0.04, 0.20, 0.05, 0.03, 0.005, 0.03],
    [0.02, 0.10, 0.05, 1.0, 0.01, 0.15],
    [0.02, 0.20, 0.10, 0.02, 0.05, 0.60],
    [0.005, 0.08, 0.04, 0.01, 0.03, 0.60],
    [0.03, 0.35, 0.15, 0.05, 0.08, 0.60],
    [0.005, 0.15, 0.02, 0.98, 0.01, 0.30],
    [0.02, 0.20, 0.20, 0.02, 0.98, 0.50],
    [0.005, 0.05, 0.0, 0.20, 0.02, 0.85],
    [0.005, 0.05, 0.03, 0.01, 0.02, 0.40],
    [0.005, 0.10, 0.03, 0.02, 0.02, 0.50],
    [0.005, 0.12, 0.05, 0.02, 0.02, 0.45],
    [0.06, 0.45, 0.20, 0.05, 0.05, 0.55],
];
/// Mean chronic conditions, prior-year admissions and ED visits by first type.
const LAMBDAS: [[f64; 3]; NTYPES] = [
    [1.6, 0.5, 1.6],
    [0.5, 0.2, 0.6],
    [0.4, 0.12, 0.5],
    [1.0, 0.12, 0.5],
    [3.0, 1.2, 1.0],
    [3.2, 0.45, 0.8],
    [2.2, 0.35, 1.0],
    [1.2, 0.12, 0.5],
    [2.0, 0.4, 0.5],
    [2.5, 0.6, 0.5],
    [3.2, 0.45, 0.8],
    [3.2, 0.45, 0.8],
    [3.2, 0.45, 0.8],
    [2.5, 0.5, 1.5],
];

fn with_odds(p: f64, k: f64) -> f64 {
    p * k / (1.0 - p + p * k)
}

fn raw_end(r: &mut R, t: u8, start: i32) -> i32 {
    start + 30 + r.exp(TYPES[t as usize].months * 30.44) as i32
}

/// Draws a new episode of type `t` starting on `start` (duration, age cap).
#[allow(clippy::too_many_arguments)]
fn episode_from(r: &mut R, cal: &Calendar, t: u8, start: i32, birth: i32, provider: usize, sub: usize, w: &World) -> Ep {
    let end = raw_end(r, t, start);
    finish_episode(r, cal, t, start, end, birth, provider, sub, w)
}

#[allow(clippy::too_many_arguments)]
fn finish_episode(r: &mut R, cal: &Calendar, t: u8, start: i32, end: i32, birth: i32, provider: usize, sub: usize, w: &World) -> Ep {
    let mut end = end;
    let mut reason = R_OTHER;
    let mut capped = false;
    if let Some(cap) = age_cap(t, birth) {
        if end >= cap {
            end = cap.max(start);
            capped = true;
        }
    }
    let end = if end > cal.w1 {
        None
    } else {
        reason = if capped { R_INELIGIBLE } else { end_reason(r, t) };
        Some(end)
    };
    let mco_sub = w.submitters[sub].mco;
    let payer_mco = if mco_sub {
        Some(true)
    } else if r.chance(0.02) {
        None
    } else if is_tcm(t) {
        Some(r.chance(0.35))
    } else {
        Some(false)
    };
    let court = if r.chance(0.04) {
        None
    } else {
        Some(match t {
            CW => r.chance(0.3),
            AMH => r.chance(0.05),
            _ => false,
        })
    };
    Ep { provider, sub, t, start, end, reason, payer_mco, court }
}

/// The person with index `idx`: demographics and episodes. `key` is the seed's person-id key.
pub(crate) fn skeleton(w: &World, cal: &Calendar, key: u64, idx: u64, r: &mut R) -> Person {
    let county = r.pick_cdf(&w.county_cdf);
    let shares: Vec<f64> = TYPES.iter().map(|t| t.share).collect();
    let t0 = r.weighted(&shares) as u8;
    let age0 = draw_age(r, t0);

    // When the first episode runs: it overlaps the generated quarters.
    let hist = (2.0 * TYPES[t0 as usize].months * 30.44).clamp(730.0, 4383.0) as i32;
    let mut start = cal.w0;
    let mut birth = add_years(start, -age0);
    let mut end0 = start;
    for attempt in 0..40 {
        start = if attempt < 39 { r.int(cal.w0 - hist, cal.w1) } else { r.int(cal.w0, cal.w1) };
        birth = add_years(start, -age0) - r.int(0, 364);
        end0 = raw_end(r, t0, start);
        let capped = age_cap(t0, birth).map_or(end0, |cap| end0.min(cap));
        if capped >= cal.w0 {
            break;
        }
    }

    let g = crate::generate::data::GROUPS[r.pick_cdf(&w.group_cdf[county])];
    let aian_group = g == Group::Aian;
    let tribe = if aian_group || (g == Group::Multi && r.chance(0.3)) {
        let local = &w.county_tribes[county];
        let affiliated = r.chance(if local.is_empty() { 0.7 } else { 0.9 });
        if !affiliated {
            None
        } else if !local.is_empty() && r.chance(0.85) {
            let ws: Vec<f64> = local.iter().map(|t| TRIBE_WEIGHTS[*t]).collect();
            Some(local[r.weighted(&ws)])
        } else {
            Some(r.weighted(&TRIBE_WEIGHTS))
        }
    } else {
        None
    };
    let age_w1 = age_on(birth, cal.w1);
    let stage = if age_w1 < 18 {
        0
    } else if age_w1 < 65 {
        1
    } else {
        2
    };
    let mut demo = demographics(r, g, stage, w.metro[county], tribe);
    if g == Group::Multi && tribe.is_some() {
        demo.race = "AIAN;WHITE";
    }
    let aian = demo.race.contains("AIAN");
    let ase = r.chance(0.003);
    let lang = if ase { "ase" } else { demo.lang };
    let interp = if lang.is_empty() {
        if r.chance(0.7) {
            None
        } else {
            Some(false)
        }
    } else if lang != "eng" {
        let u = r.u();
        if u < 0.85 {
            Some(true)
        } else if u < 0.97 {
            Some(false)
        } else {
            None
        }
    } else if r.chance(0.97) {
        Some(false)
    } else {
        None
    };
    let sex = {
        let p_f = match t0 {
            EW | AC | MSHO | MSC => 0.64,
            DD | CMH | BI | VADD => 0.38,
            _ => 0.5,
        };
        let u = r.u();
        if u < 0.004 {
            "X"
        } else if u < 0.010 {
            "U"
        } else if u < 0.012 {
            ""
        } else if r.chance(p_f) {
            "F"
        } else {
            "M"
        }
    };
    let zips = COUNTY_PLACES[county].1;
    let zip = zips[r.below(zips.len())];

    let (prov0, sub0) = choose(w, r, t0, county, g, lang, tribe, aian, None);
    let mut episodes = vec![finish_episode(r, cal, t0, start, end0, birth, prov0, sub0, w)];

    // Clinical picture, shifted by the case mix of the first provider.
    let s = w.providers[prov0].q.severity;
    let ti = t0 as usize;
    let mut flags = [None; 7];
    let pf = P_FLAGS[ti];
    let k = 1.0 + 3.0 * s;
    let probs = [0.0, with_odds(pf[0], k), with_odds(pf[1], k), with_odds(pf[2], k), pf[3], pf[4], pf[5]];
    for i in 1..7 {
        flags[i] = if r.chance(0.01) { None } else { Some(r.chance(probs[i])) };
    }
    let age_start = age0;
    let p_dual = if age_start >= 65 {
        match t0 {
            MSHO => 1.0,
            MSC => 0.3,
            AC => 0.1,
            _ => 0.85,
        }
    } else if age_start >= 18 {
        match t0 {
            SNBC => 0.55,
            CADI | BI => 0.35,
            DD | VADD => 0.3,
            RSC => 0.4,
            AMH => 0.25,
            _ => 0.1,
        }
    } else {
        0.0
    };
    flags[FL_DUAL] = if r.chance(0.01) { None } else { Some(r.chance(p_dual)) };
    let lam = LAMBDAS[ti];
    let chronic = if r.chance(0.02) { None } else { Some(r.poisson(lam[0] * (1.0 + 0.6 * s))) };
    let mut py_ip = r.poisson(lam[1] * (1.0 + 1.5 * s) * if flags[FL_HOMELESS] == Some(true) { 1.5 } else { 1.0 });
    let py_ed = r.poisson(lam[2] * (1.0 + 1.5 * s) * if flags[FL_HOMELESS] == Some(true) { 1.8 } else { 1.0 });
    if t0 == RSC {
        py_ip = py_ip.max(1);
    }

    debug_assert!(episodes.iter().all(|e| w.providers[e.provider].offers(e.t)));
    let mut person = Person {
        idx,
        pid: person_id(idx, key),
        birth,
        birth_known: !r.chance(0.002),
        sex,
        race: demo.race,
        hispanic: demo.hispanic,
        ethnicity: demo.ethnicity,
        lang,
        interp,
        tribe,
        county,
        zip,
        moved: None,
        flags,
        chronic,
        py_ip,
        py_ed,
        death: None,
        episodes: Vec::new(),
    };

    // What follows the first episode.
    let mut cur = 0;
    while episodes.len() < 5 {
        let e = episodes[cur].clone();
        let Some(end) = e.end else { break };
        let (c_now, _) = person.county_on(end);
        let next: Option<(u8, i32, usize, usize)> = match e.reason {
            R_PROVIDER => {
                let (p, s) = choose(w, r, e.t, c_now, g, lang, tribe, aian, Some(e.provider));
                let st = if r.chance(0.2) { (end - r.int(1, 45)).max(e.start + 1) } else { end + r.int(1, 30) };
                Some((e.t, st, p, s))
            }
            R_MOVED if person.moved.is_none() => {
                let mut c2 = c_now;
                for _ in 0..20 {
                    c2 = r.pick_cdf(&w.county_cdf);
                    if c2 != c_now {
                        break;
                    }
                }
                if c2 == c_now {
                    None
                } else {
                    let z = COUNTY_PLACES[c2].1;
                    person.moved = Some((end, c2, z[r.below(z.len())]));
                    let (p, s) = choose(w, r, e.t, c2, g, lang, tribe, aian, None);
                    Some((e.t, end + r.int(5, 60), p, s))
                }
            }
            R_GOALS if r.chance(0.10) => Some((e.t, end + r.int(60, 400), e.provider, e.sub)),
            R_INELIGIBLE if e.t == CMH && age_on(birth, end + 1) >= 18 && r.chance(0.5) => {
                let (p, s) = choose(w, r, AMH, c_now, g, lang, tribe, aian, None);
                Some((AMH, end + r.int(1, 30), p, s))
            }
            R_INELIGIBLE if e.t == SNBC && age_on(birth, end + 1) >= 65 && r.chance(0.6) => {
                let (p, s) = choose(w, r, MSHO, c_now, g, lang, tribe, aian, None);
                Some((MSHO, end + 1, p, s))
            }
            _ => None,
        };
        let Some((t, st, p, s)) = next else { break };
        if st > cal.w1 || age_cap(t, birth).is_some_and(|cap| st >= cap) {
            break;
        }
        episodes.push(episode_from(r, cal, t, st, birth, p, s, w));
        cur = episodes.len() - 1;
    }

    // A second, concurrent program.
    let second: Option<(u8, f64)> = match t0 {
        SNBC => Some((CADI, 0.30)),
        CADI if age0 >= 18 => Some((SNBC, 0.20)),
        AMH => Some((CADI, 0.08)),
        CW if age0 >= 4 => Some((CMH, 0.12)),
        CMH => Some((CW, 0.05)),
        _ => None,
    };
    if let Some((t2, p2)) = second {
        if r.chance(p2) {
            let st = (start + r.int(-180, 180)).min(cal.w1);
            let age_at = age_on(birth, st);
            let ok_age = if is_child_type(t2) { age_at < 18 } else if t2 == SNBC { (18..65).contains(&age_at) } else { age_at >= 18 };
            if ok_age {
                let (c2, _) = person.county_on(st);
                let (p, s) = choose(w, r, t2, c2, g, lang, tribe, aian, None);
                let ep = episode_from(r, cal, t2, st, birth, p, s, w);
                if ep.end.is_none_or(|e| e >= cal.w0) {
                    episodes.push(ep);
                }
            }
        }
    }

    // Death, within the generated quarters, ends every open episode.
    let age_w0 = age_on(birth, cal.w0);
    let smi = person.flag(FL_SMI);
    let h = if age_w0 >= 85 {
        0.012
    } else if age_w0 >= 75 {
        0.005
    } else if age_w0 >= 65 {
        0.0025
    } else if age_w0 >= 18 {
        if smi || matches!(t0, SNBC | CADI | BI | RSC) {
            0.0007
        } else {
            0.0003
        }
    } else {
        0.00005
    };
    let t_death = cal.w0 + r.exp(30.44 / h).min(1e6) as i32;
    let first_start = episodes.iter().map(|e| e.start).min().expect("an episode");
    if t_death <= cal.w1 && t_death > first_start {
        person.death = Some(t_death);
        episodes.retain(|e| e.start < t_death);
        for e in &mut episodes {
            if e.end.is_none_or(|x| x >= t_death) {
                e.end = Some(t_death);
                e.reason = R_DEATH;
            }
        }
    }
    debug_assert!(episodes.iter().all(|e| w.providers[e.provider].offers(e.t)));
    if episodes.iter().any(|e| e.t == DD || e.t == VADD) {
        person.flags[FL_DD] = Some(true);
    }
    if episodes.iter().any(|e| e.t == BI) {
        person.flags[FL_BI] = Some(true);
    }
    person.episodes = episodes;
    person
}
