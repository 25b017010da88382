//! Injected bad rows: exactly N rows per row-level reason code, each failing with that
//! reason and no earlier one under the contract's check order (extracts.md §4). Every bad
//! row is an extra row appended to a file (never a change to a row others rely on), so the
//! rest of the package loads exactly as it would without it.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::Result;
use super::data::{AMH, MSHO};
use super::emit::*;
use super::life::Sample;
use super::rng::{mix64, R};
use super::sim::{dn, person_id, Calendar};
use super::world::World;
use super::Sinks;

pub(crate) const REASONS: [&str; 10] = [
    "bad_date",
    "bad_code",
    "missing_required",
    "duplicate_key",
    "unknown_person",
    "unknown_episode",
    "unknown_provider",
    "date_out_of_range",
    "bad_number",
    "bad_row_shape",
];

/// Person indexes at or above this are never generated: ids made from them are unknown.
const FRESH: u64 = 1 << 47;

struct Ctx<'a> {
    w: &'a World,
    cal: &'a Calendar,
    dates: &'a Dates,
    samples: &'a [Option<Sample>],
    key: u64,
    f: Fields,
    r: R,
    anchors: u64,
}

/// A package chosen for one bad row.
#[derive(Clone, Copy)]
struct Pkg {
    pk: usize,
    pi: usize,
    sub: usize,
    mco: bool,
}

impl<'a> Ctx<'a> {
    fn fmt(&self, p: Pkg) -> Fmt<'a> {
        Fmt { mco: p.mco, dates: self.dates }
    }

    /// A person accepted in the package (a sampled one, else a valid extra person row).
    fn known_person(&mut self, sinks: &mut Sinks, p: Pkg) -> Result<String> {
        if let Some(s) = &self.samples[p.pk] {
            return Ok(s.pid.clone());
        }
        let pid = person_id(FRESH + (1 << 40) + self.anchors, self.key);
        self.anchors += 1;
        self.person(p, &pid);
        sinks.push_fields(self.w, sinks.index(p.pk, slot(p.mco, F_PERSONS)), self.f.get())?;
        Ok(pid)
    }

    fn known_provider(&self, p: Pkg) -> String {
        let i = match &self.samples[p.pk] {
            Some(s) => s.provider,
            None => self.w.submitters[p.sub].providers[0],
        };
        self.w.providers[i].id.clone()
    }

    fn cm_type(&self, p: Pkg) -> u8 {
        match &self.samples[p.pk] {
            Some(s) => s.t,
            None if p.mco => MSHO,
            None => AMH,
        }
    }

    /// A day inside the package's quarter.
    fn day(&mut self, p: Pkg) -> i32 {
        let (a, z) = (self.cal.first[p.pi], self.cal.last[p.pi]);
        self.r.int(a + 3, z)
    }

    fn person(&mut self, p: Pkg, pid: &str) {
        let birth = dn(chrono::NaiveDate::from_ymd_opt(1970, 5, 17).expect("date"));
        let row = PersonRow {
            id: pid,
            birth: Some(birth),
            sex: "F",
            race: "WHITE",
            hispanic: "N",
            ethnicity: "",
            language: "eng",
            interpreter: Some(false),
            county: crate::geography::COUNTIES[0].fips,
            zip: "56431",
            tribe: "",
            flags: [Some(false); 7],
            chronic: Some(1),
            py_ip: Some(0),
            py_ed: Some(1),
        };
        let fmt = Fmt { mco: p.mco, dates: self.dates };
        person_row(&mut self.f, fmt, &row);
    }

    fn contact(&mut self, p: Pkg, id: &str, episode: &str, person: &str, provider: &str, day: i32) {
        let row = ContactRow {
            id,
            episode,
            person,
            provider,
            cm: "",
            date: day,
            mode: 0,
            location: Some(0),
            with_whom: 0,
            procedure: "T2023",
            modifiers: "",
            pos: "12",
            billed: Some(true),
            minutes: Some(45),
        };
        let fmt = self.fmt(p);
        contact_row(&mut self.f, fmt, &row);
    }

    fn assessment(&mut self, p: Pkg, id: &str, episode: &str, person: &str, provider: &str, day: i32) {
        let row = AssessmentRow { id, episode, person, provider, cm: "", kind: K_PLAN_REVIEW, date: day, minutes: Some(40) };
        let fmt = self.fmt(p);
        assessment_row(&mut self.f, fmt, &row);
    }

    fn event(&mut self, p: Pkg, id: &str, person: &str, kind: u8, start: i32, end: Option<i32>) {
        let fmt = self.fmt(p);
        event_row(&mut self.f, fmt, &EventRow { id, person, kind, start, end });
    }

    #[allow(clippy::too_many_arguments)]
    fn episode(&mut self, p: Pkg, id: &str, person: &str, provider: &str, t: u8, start: i32, end: Option<i32>) {
        let row = EpisodeRow {
            id,
            person,
            provider,
            t,
            payer_mco: Some(p.mco),
            court: Some(false),
            start,
            end,
            reason: end.map(|_| R_OTHER),
            cm: "",
        };
        let fmt = self.fmt(p);
        episode_row(&mut self.f, fmt, &row);
    }

    fn survey(&mut self, p: Pkg, id: &str, person: &str, provider: &str, t: u8, day: i32) {
        let row = SurveyRow {
            id,
            person,
            provider,
            t,
            date: day,
            proxy: Some(false),
            language: "eng",
            items: [Some(4), Some(3), Some(4), Some(3), Some(3)],
            informed: Some(true),
            overall: Some(8),
        };
        let fmt = self.fmt(p);
        survey_row(&mut self.f, fmt, &row);
    }

    fn staff(&mut self, p: Pkg, cm: &str, provider: &str, fte: &str) {
        let fmt = self.fmt(p);
        let types = 1 << self.cm_type(p);
        staff_row(&mut self.f, fmt, cm, provider, fte, types, &["eng"]);
    }

    /// Sets the column named (standard-v1, mco-v1) of the current row of file `file`.
    fn set(&mut self, p: Pkg, file: usize, std_col: &str, mco_col: &str, value: &str) {
        let name = if p.mco { mco_col } else { std_col };
        let i = header(p.mco, slot(p.mco, file)).iter().position(|h| *h == name).expect("column of the layout");
        let v = &mut self.f.get_mut()[i];
        v.clear();
        v.push_str(value);
    }

    fn date_text(&self, p: Pkg, day: i32) -> String {
        let mut s = String::new();
        self.dates.push(&mut s, p.mco, day);
        s
    }
}

/// Appends `n` bad rows of every reason; returns {reason: rows} (empty when `n` is 0).
#[allow(clippy::too_many_arguments)]
pub(crate) fn inject(
    sinks: &mut Sinks,
    w: &World,
    cal: &Calendar,
    dates: &Dates,
    samples: &[Option<Sample>],
    seed: u64,
    key: u64,
    n: u64,
) -> Result<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    if n == 0 {
        return Ok(counts);
    }
    let nsub = w.submitters.len();
    let pkg = |pk: usize| Pkg { pk, pi: pk / nsub, sub: pk % nsub, mco: w.submitters[pk % nsub].mco };
    let all: Vec<Pkg> = (0..nsub * cal.np()).map(pkg).collect();
    let with_sample = |mco: bool| -> Vec<Pkg> { all.iter().copied().filter(|p| p.mco == mco && samples[p.pk].is_some()).collect() };
    let (std_pk, mco_pk) = (with_sample(false), with_sample(true));
    let mut cx = Ctx {
        w,
        cal,
        dates,
        samples,
        key,
        f: Fields::default(),
        r: R(ChaCha8Rng::seed_from_u64(mix64(seed ^ 0xbad0_0000_0000_0bad))),
        anchors: 0,
    };
    for (ri, reason) in REASONS.iter().enumerate() {
        for k in 0..n {
            let want_mco = (ri as u64 + k) % 2 == 1;
            let pool: &[Pkg] = match (want_mco, std_pk.is_empty(), mco_pk.is_empty()) {
                (true, _, false) | (false, true, false) => &mco_pk,
                (_, false, _) => &std_pk,
                _ => &all,
            };
            let p = pool[cx.r.below(pool.len())];
            write_bad(&mut cx, sinks, p, ri, k)?;
            *counts.entry(reason.to_string()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

fn write_bad(cx: &mut Ctx, sinks: &mut Sinks, p: Pkg, ri: usize, k: u64) -> Result<()> {
    let fresh = format!("Z{ri}{k:06}");
    let xep = format!("XE{ri}{k:06}");
    let fresh_person = person_id(FRESH + k * 16 + ri as u64, cx.key);
    let unknown_person = person_id(FRESH + (1 << 30) + k * 16 + ri as u64, cx.key);
    let unknown_provider = format!("0{:09}", mix64(k * 16 + ri as u64) % 1_000_000_000);
    let fresh_cm = format!("CMfff{:05x}", (k * 16 + ri as u64) & 0xfffff);
    let day = cx.day(p);
    let t = cx.cm_type(p);
    let year = cx.cal.periods[p.pi].year;
    let v = k as usize;
    let file = match REASONS[ri] {
        "bad_row_shape" => match v % 3 {
            0 => {
                let person = cx.known_person(sinks, p)?;
                cx.event(p, &fresh, &person, E_ED, day, None);
                let n = cx.f.get().len();
                cx.f.truncate(n - 1);
                F_EVENTS
            }
            1 => {
                let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
                cx.contact(p, &fresh, &xep, &person, &provider, day);
                cx.f.push("extra");
                F_CONTACTS
            }
            _ => {
                cx.person(p, &fresh_person);
                let n = cx.f.get().len();
                cx.f.truncate(n - 2);
                F_PERSONS
            }
        },
        "missing_required" => {
            let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
            match v % 5 {
                0 => {
                    cx.contact(p, &fresh, &xep, &person, &provider, day);
                    cx.set(p, F_CONTACTS, "contact_date", "ACT_DT", "");
                    F_CONTACTS
                }
                1 => {
                    cx.event(p, &fresh, &person, E_ED, day, None);
                    cx.set(p, F_EVENTS, "kind", "UTIL_TYPE", "");
                    F_EVENTS
                }
                2 => {
                    cx.staff(p, &fresh_cm, &provider, "1.0");
                    cx.set(p, F_STAFFING, "fte", "FTE", "");
                    F_STAFFING
                }
                3 => {
                    cx.assessment(p, &fresh, &xep, &person, &provider, day);
                    cx.set(p, F_ASSESSMENTS, "completed_date", "ACT_DT", "");
                    F_ASSESSMENTS
                }
                _ => {
                    cx.episode(p, &fresh, &person, &provider, t, day, None);
                    cx.set(p, F_EPISODES, "start_date", "START_DT", "");
                    F_EPISODES
                }
            }
        }
        "bad_date" => {
            let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
            match v % 4 {
                0 => {
                    cx.contact(p, &fresh, &xep, &person, &provider, day);
                    let text = if p.mco { format!("{year}0230") } else { format!("{year}-02-30") };
                    cx.set(p, F_CONTACTS, "contact_date", "ACT_DT", &text);
                    F_CONTACTS
                }
                1 => {
                    cx.event(p, &fresh, &person, E_IP, day, Some(day - 3));
                    F_EVENTS
                }
                2 => {
                    cx.person(p, &fresh_person);
                    let text = if p.mco { "1975-04-12" } else { "1975/04/12" };
                    cx.set(p, F_PERSONS, "birth_date", "DOB", text);
                    F_PERSONS
                }
                _ => {
                    cx.episode(p, &fresh, &person, &provider, t, day, Some(day - 10));
                    F_EPISODES
                }
            }
        }
        "bad_code" => {
            let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
            match v % 5 {
                0 => {
                    cx.contact(p, &fresh, &xep, &person, &provider, day);
                    cx.set(p, F_CONTACTS, "mode", "ACT_CODE", if p.mco { "EMAIL" } else { "fax" });
                    F_CONTACTS
                }
                1 => {
                    cx.event(p, &fresh, &person, E_ED, day, None);
                    cx.set(p, F_EVENTS, "kind", "UTIL_TYPE", if p.mco { "ER" } else { "er_visit" });
                    F_EVENTS
                }
                2 => {
                    cx.person(p, &fresh_person);
                    cx.set(p, F_PERSONS, "sex", "GENDER", "Q");
                    F_PERSONS
                }
                3 => {
                    cx.episode(p, &fresh, &person, &provider, t, day, None);
                    cx.set(p, F_EPISODES, "cm_type", "PRODUCT", if p.mco { "PPO" } else { "TCM" });
                    F_EPISODES
                }
                _ => {
                    cx.survey(p, &fresh, &person, &provider, t, day);
                    cx.set(p, F_SURVEYS, "respondent", "RESPONDENT", "friend");
                    F_SURVEYS
                }
            }
        }
        "bad_number" => {
            let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
            match v % 4 {
                0 => {
                    cx.contact(p, &fresh, &xep, &person, &provider, day);
                    cx.set(p, F_CONTACTS, "minutes", "MINUTES", "-15");
                    F_CONTACTS
                }
                1 => {
                    cx.survey(p, &fresh, &person, &provider, t, day);
                    cx.set(p, F_SURVEYS, "overall", "OVERALL", "11");
                    F_SURVEYS
                }
                2 => {
                    cx.staff(p, &fresh_cm, &provider, "2.5");
                    F_STAFFING
                }
                _ => {
                    cx.person(p, &fresh_person);
                    cx.set(p, F_PERSONS, "chronic_condition_count", "CHRONIC_CT", "-1");
                    F_PERSONS
                }
            }
        }
        "date_out_of_range" => {
            let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
            let later = cx.cal.last[p.pi] + cx.r.int(1, 40);
            match v % 4 {
                0 => {
                    cx.contact(p, &fresh, &xep, &person, &provider, later);
                    F_CONTACTS
                }
                1 => {
                    cx.event(p, &fresh, &person, E_ED, later, None);
                    F_EVENTS
                }
                2 => {
                    cx.person(p, &fresh_person);
                    let text = cx.date_text(p, dn(chrono::NaiveDate::from_ymd_opt(1899, 12, 31).expect("date")));
                    cx.set(p, F_PERSONS, "birth_date", "DOB", &text);
                    F_PERSONS
                }
                _ => {
                    cx.assessment(p, &fresh, &xep, &person, &provider, later);
                    F_ASSESSMENTS
                }
            }
        }
        "duplicate_key" => {
            let order: &[usize] = if p.mco {
                &[F_CONTACTS, F_EVENTS, F_EPISODES, F_PERSONS, F_PROVIDERS, F_STAFFING]
            } else {
                &[F_CONTACTS, F_EVENTS, F_EPISODES, F_PERSONS, F_ASSESSMENTS, F_PROVIDERS, F_STAFFING]
            };
            let with_rows: Vec<usize> =
                order.iter().copied().filter(|f| sinks.rows(sinks.index(p.pk, slot(p.mco, *f))) > 0).collect();
            let f = with_rows[v % with_rows.len()];
            let done = sinks.repeat_first(sinks.index(p.pk, slot(p.mco, f)))?;
            assert!(done, "a file with rows has a first row");
            return Ok(());
        }
        "unknown_person" => {
            let provider = cx.known_provider(p);
            match v % 3 {
                0 => {
                    cx.event(p, &fresh, &unknown_person, E_ED, day, None);
                    F_EVENTS
                }
                1 => {
                    cx.survey(p, &fresh, &unknown_person, &provider, t, day);
                    F_SURVEYS
                }
                _ => {
                    cx.episode(p, &fresh, &unknown_person, &provider, t, day, None);
                    F_EPISODES
                }
            }
        }
        "unknown_episode" => {
            let (person, provider) = (cx.known_person(sinks, p)?, cx.known_provider(p));
            if v.is_multiple_of(2) {
                cx.contact(p, &fresh, &xep, &person, &provider, day);
                F_CONTACTS
            } else {
                cx.assessment(p, &fresh, &xep, &person, &provider, day);
                F_ASSESSMENTS
            }
        }
        "unknown_provider" => {
            let person = cx.known_person(sinks, p)?;
            match v % 3 {
                0 => {
                    cx.staff(p, &fresh_cm, &unknown_provider, "1.0");
                    F_STAFFING
                }
                1 => {
                    cx.episode(p, &fresh, &person, &unknown_provider, t, day, None);
                    F_EPISODES
                }
                _ => {
                    cx.survey(p, &fresh, &person, &unknown_provider, t, day);
                    F_SURVEYS
                }
            }
        }
        other => unreachable!("reason {other}"),
    };
    let i = sinks.index(p.pk, slot(p.mco, file));
    sinks.push_fields(cx.w, i, cx.f.get())
}
