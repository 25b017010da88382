//! The fixed world the persons live in: provider agencies (with ids, descriptions, quality
//! and the truths planted in them), the submitters and which providers each one reports,
//! case-manager pools, and the tables persons are drawn from. Nothing here depends on the
//! seed: the same providers, ids and planted truths come out of every run.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::data::*;
use super::rng::R;
use crate::geography::{self, COUNTIES, MCOS, TRIBES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProvKind {
    County,
    Tribal,
    Private,
    Mco,
}

impl ProvKind {
    pub(crate) fn code(self) -> &'static str {
        match self {
            ProvKind::County => "county",
            ProvKind::Tribal => "tribal",
            ProvKind::Private => "private",
            ProvKind::Mco => "mco",
        }
    }
}

/// How an agency's practice shifts the rates of its persons (1.0 / 0.0 = statewide typical).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quality {
    /// Multiplier on the chance of a monthly contact (and of contact after a discharge).
    pub contact: f64,
    /// Multiplier on timely assessments, plans and annual reviews.
    pub timely: f64,
    /// Multiplier on mental-health follow-up after a psychiatric discharge.
    pub followup: f64,
    /// Monthly chance that an episode's case manager changes.
    pub turnover: f64,
    /// Shift of the experience-of-care score (points on the 0–10 scale).
    pub survey: f64,
    pub preventive: f64,
    pub ed: f64,
    pub nf: f64,
    pub readmit: f64,
    pub recur: f64,
    /// Case-mix severity of the persons it serves (0 typical, 1 much sicker).
    pub severity: f64,
    /// Persons per FTE relative to the program standard.
    pub caseload: f64,
}

impl Quality {
    fn typical() -> Quality {
        Quality {
            contact: 1.0,
            timely: 1.0,
            followup: 1.0,
            turnover: 0.03,
            survey: 0.0,
            preventive: 1.0,
            ed: 1.0,
            nf: 1.0,
            readmit: 1.0,
            recur: 1.0,
            severity: 0.0,
            caseload: 1.0,
        }
    }
    fn jittered(r: &mut R) -> Quality {
        Quality {
            contact: r.range(0.96, 1.04),
            timely: r.range(0.95, 1.05),
            followup: r.range(0.9, 1.1),
            turnover: 0.03 * r.range(0.8, 1.2),
            survey: r.range(-0.2, 0.2),
            preventive: r.range(0.95, 1.05),
            ed: 1.0,
            nf: 1.0,
            readmit: 1.0,
            recur: 1.0,
            severity: 0.0,
            caseload: r.range(0.85, 1.08),
        }
    }
    fn worse(caseload: f64) -> Quality {
        Quality {
            contact: 0.62,
            timely: 0.55,
            followup: 0.5,
            turnover: 0.08,
            survey: -1.4,
            preventive: 0.8,
            ed: 1.4,
            nf: 1.4,
            readmit: 1.6,
            recur: 1.7,
            severity: 0.0,
            caseload,
        }
    }
    fn better() -> Quality {
        Quality {
            contact: 1.12,
            timely: 1.12,
            followup: 1.45,
            turnover: 0.005,
            survey: 1.0,
            preventive: 1.2,
            ed: 0.72,
            nf: 0.7,
            readmit: 0.6,
            recur: 0.6,
            severity: 0.0,
            caseload: 0.95,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Planted {
    Worse,
    Better,
    Sicker,
    HighCaseload,
}

impl Planted {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Planted::Worse => "worse",
            Planted::Better => "better",
            Planted::Sicker => "sicker_case_mix",
            Planted::HighCaseload => "caseload_above_standard",
        }
    }
}

pub(crate) struct Provider {
    pub id: String,
    pub name: String,
    pub kind: ProvKind,
    pub counties: Vec<usize>,
    pub types: u16,
    /// `eng` first, then the other languages its staff speak.
    pub languages: Vec<&'static str>,
    pub community: Option<Group>,
    pub culturally_specific: bool,
    /// Submitter that reports this agency's staffing.
    pub home: usize,
    pub q: Quality,
    pub size: f64,
    pub phone: String,
    pub website: String,
    pub street: String,
    pub city: String,
    pub zip: String,
    pub mission: String,
    pub accepting: f64,
    /// Pool index per cm_type (u32::MAX: not offered).
    pub pool_of: [u32; NTYPES],
    pub planted: Option<Planted>,
}

impl Provider {
    pub(crate) fn offers(&self, t: u8) -> bool {
        self.types & bit(t) != 0
    }
    pub(crate) fn speaks(&self, lang: &str) -> bool {
        self.languages.contains(&lang)
    }
    /// The community a culturally specific agency serves (empty when it is not one).
    pub(crate) fn serves(&self) -> &'static str {
        if !self.culturally_specific {
            return "";
        }
        match self.community {
            Some(Group::Somali) => "Somali",
            Some(Group::Hmong) => "Hmong",
            Some(Group::Karen) => "Karen",
            Some(Group::Oromo) => "Oromo and East African",
            Some(Group::Latino) => "Latino",
            Some(Group::Aian) => "American Indian",
            Some(Group::SeAsian) => "Southeast Asian",
            _ if self.languages.contains(&"ase") => "Deaf and hard of hearing",
            _ => "",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SubKind {
    County(usize),
    Tribe(usize),
    Mco(usize),
}

pub(crate) struct Submitter {
    pub id: String,
    pub kind: SubKind,
    pub name: String,
    /// Layout mco-v1 (else standard-v1).
    pub mco: bool,
    /// Providers listed in its packages (sorted by provider id).
    pub providers: Vec<usize>,
    pub crlf: bool,
    pub bom: bool,
}

impl Submitter {
    pub(crate) fn kind_code(&self) -> &'static str {
        match self.kind {
            SubKind::County(_) => "county",
            SubKind::Tribe(_) => "tribal",
            SubKind::Mco(_) => "mco",
        }
    }
    pub(crate) fn layout(&self) -> &'static str {
        if self.mco {
            "mco-v1"
        } else {
            "standard-v1"
        }
    }
}

/// A group of case managers at one provider sharing a caseload of one or more cm_types.
pub(crate) struct PoolDef {
    pub provider: usize,
    pub types: u16,
    /// Persons per FTE this pool is staffed for.
    pub target: f64,
    /// Index of the pool within its provider (for stable case-manager ids).
    pub local: u32,
}

/// A disparity planted at one provider: persons whose preferred language is `language` get
/// fewer monthly contacts there (the chance of a contact in a month is multiplied by `contact`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProviderGap {
    pub provider: usize,
    pub language: &'static str,
    pub contact: f64,
}

/// The provider whose persons of one language are served worse, and how much worse.
const PROVIDER_GAP: (&str, &str, f64) = ("Hennepin County Human Services", "som", 0.5);

pub(crate) struct World {
    pub providers: Vec<Provider>,
    pub submitters: Vec<Submitter>,
    pub county_cdf: Vec<f64>,
    pub county_provider: Vec<usize>,
    pub county_sub: Vec<usize>,
    pub tribe_sub: Vec<usize>,
    pub mco_sub: Vec<usize>,
    /// Private agencies per county and cm_type.
    pub privates: Vec<Vec<Vec<usize>>>,
    /// Tribal providers per tribe.
    pub tribal: Vec<Vec<usize>>,
    /// Tribes whose lands include each county.
    pub county_tribes: Vec<Vec<usize>>,
    pub mco_provider: Vec<usize>,
    /// (MCO, weight) offering a cm_type in a county (CC types and EW).
    pub mco_options: Vec<Vec<Vec<(usize, f64)>>>,
    pub delegated: Vec<Vec<bool>>,
    pub group_cdf: Vec<[f64; NGROUPS]>,
    pub metro: Vec<bool>,
    pub pools: Vec<PoolDef>,
    /// Whether the disparities are planted: the statewide language gap (persons needing an
    /// interpreter their provider cannot offer) and `provider_gaps`.
    pub disparities: bool,
    /// Disparities planted at single providers (empty when `disparities` is off).
    pub provider_gaps: Vec<ProviderGap>,
}

/// A 10-digit provider id from the provider's index: a bijection onto 1000000000..=9999999999,
/// so ids are unique and never start with 0 (ids starting with 0 are the generator's
/// guaranteed-unknown ones).
pub(crate) fn provider_id(idx: usize) -> String {
    let n = (idx as u64).wrapping_mul(2_654_435_761).wrapping_add(1_234_567_891) % 9_000_000_000;
    format!("{}", 1_000_000_000 + n)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn group_language(g: Group) -> Option<&'static str> {
    match g {
        Group::Somali => Some("som"),
        Group::Hmong => Some("hmn"),
        Group::Karen => Some("kar"),
        Group::Latino => Some("spa"),
        Group::Oromo => Some("orm"),
        Group::SeAsian => Some("vie"),
        _ => None,
    }
}

pub(crate) fn county_group_weights(fips: &str) -> [f64; NGROUPS] {
    let mut w = [0.0; NGROUPS];
    for (g, x) in BASE_GROUPS {
        w[g as usize] = x;
    }
    if let Some((_, over)) = COUNTY_GROUPS.iter().find(|(f, _)| *f == fips) {
        for (g, x) in over.iter() {
            w[*g as usize] = *x;
        }
    }
    let rest: f64 = w.iter().sum();
    w[Group::White as usize] = (1.0 - rest).max(0.05);
    w
}

impl World {
    pub(crate) fn build() -> World {
        let mut r = R(ChaCha8Rng::seed_from_u64(0x00c0_ffee_2026));
        let n_c = COUNTIES.len();
        let metro: Vec<bool> = COUNTIES.iter().map(|c| geography::is_metro(c.fips)).collect();
        let county_of = |f: &str| geography::county_index(f).expect("known county");

        // Submitters, in id order: counties, MCOs, tribes.
        let mut submitters = Vec::new();
        let mut county_sub = Vec::new();
        for (i, c) in COUNTIES.iter().enumerate() {
            county_sub.push(submitters.len());
            submitters.push(Submitter {
                id: format!("county-{}", c.fips),
                kind: SubKind::County(i),
                name: format!("{} County", c.name),
                mco: false,
                providers: Vec::new(),
                crlf: c.fips == "27001" || c.fips == "27007",
                bom: c.fips == "27005" || c.fips == "27007",
            });
        }
        let mut mco_sub = Vec::new();
        for (i, m) in MCOS.iter().enumerate() {
            mco_sub.push(submitters.len());
            submitters.push(Submitter {
                id: m.id.to_string(),
                kind: SubKind::Mco(i),
                name: m.name.to_string(),
                mco: true,
                providers: Vec::new(),
                crlf: m.id == "mco-south-country",
                bom: false,
            });
        }
        let mut tribe_sub = Vec::new();
        for (i, t) in TRIBES.iter().enumerate() {
            tribe_sub.push(submitters.len());
            submitters.push(Submitter {
                id: t.id.to_string(),
                kind: SubKind::Tribe(i),
                name: t.name.to_string(),
                mco: false,
                providers: Vec::new(),
                crlf: false,
                bom: false,
            });
        }
        debug_assert!(submitters.windows(2).all(|w| w[0].id < w[1].id));

        // MCO service areas and delegation.
        let mut delegated = vec![vec![false; n_c]; MCOS.len()];
        let mut serves = vec![vec![false; n_c]; MCOS.len()];
        for (m, spec) in MCO_SPECS.iter().enumerate() {
            for c in 0..n_c {
                serves[m][c] = spec.counties.is_empty() || spec.counties.contains(&COUNTIES[c].fips);
                if serves[m][c] && !metro[c] {
                    delegated[m][c] = spec.delegate >= 1.0 || (spec.delegate > 0.0 && r.chance(spec.delegate));
                }
            }
        }

        let group_w: Vec<[f64; NGROUPS]> = COUNTIES.iter().map(|c| county_group_weights(c.fips)).collect();
        let mut providers: Vec<Provider> = Vec::new();
        let new_provider = |providers: &Vec<Provider>, r: &mut R, name: String, kind: ProvKind, counties: Vec<usize>| {
            let idx = providers.len();
            let seat = counties[0];
            let fips = COUNTIES[seat].fips;
            let (city, zips) = COUNTY_PLACES[seat];
            let num = 100 + r.below(9800);
            Provider {
                id: provider_id(idx),
                name,
                kind,
                counties,
                types: 0,
                languages: vec!["eng"],
                community: None,
                culturally_specific: false,
                home: 0,
                q: Quality::jittered(r),
                size: 1.0,
                phone: format!("{}-555-01{:02}", area_code(fips), idx % 100),
                website: String::new(),
                street: format!("{num} {}", STREETS[r.below(STREETS.len())]),
                city: city.to_string(),
                zip: zips[0].to_string(),
                mission: String::new(),
                accepting: 0.85,
                pool_of: [u32::MAX; NTYPES],
                planted: None,
            }
        };

        // County agencies.
        let mut county_provider = Vec::new();
        for (c, county) in COUNTIES.iter().enumerate() {
            let mut p = new_provider(&providers, &mut r, format!("{} County Human Services", county.name), ProvKind::County, vec![c]);
            let mut types = mask(&[AMH, CMH, CW, VADD, RSC, EW, CADI, DD, BI, CAC, AC]);
            for (m, spec) in MCO_SPECS.iter().enumerate() {
                if delegated[m][c] {
                    types |= mask(spec.products);
                }
            }
            p.types = types;
            for g in GROUPS {
                if let Some(l) = group_language(g) {
                    if group_w[c][g as usize] >= 0.025 && !p.languages.contains(&l) {
                        p.languages.push(l);
                    }
                }
            }
            p.home = county_sub[c];
            p.website = format!("https://www.co.{}.mn.us", slug(county.name).replace('-', ""));
            p.mission = format!(
                "{} County Human Services: case management for children, adults, and older adults in {} County.",
                county.name, county.name
            );
            county_provider.push(providers.len());
            providers.push(p);
        }

        // Tribal programs.
        let mut tribal = vec![Vec::new(); TRIBES.len()];
        for (t, tribe) in TRIBES.iter().enumerate() {
            let counties: Vec<usize> = tribe.counties.iter().map(|f| county_of(f)).collect();
            let lang = if TRIBE_DAKOTA[t] { "dak" } else { "oji" };
            let mut p = new_provider(&providers, &mut r, format!("{} Human Services", tribe.name), ProvKind::Tribal, counties.clone());
            p.types = if TRIBE_LARGE[t] { mask(&[AMH, CMH, CW, VADD, EW, CADI]) } else { mask(&[AMH, CMH, CW]) };
            p.languages.push(lang);
            p.community = Some(Group::Aian);
            p.culturally_specific = true;
            p.home = tribe_sub[t];
            p.website = format!("https://www.{}.example.org", slug(tribe.name));
            p.mission = format!("Serving {} members and families,\nguided by our culture and traditions.", tribe.name);
            tribal[t].push(providers.len());
            providers.push(p);
            if tribe.id == "tribe-white-earth" || tribe.id == "tribe-leech-lake" {
                let mut p = new_provider(&providers, &mut r, format!("{} Behavioral Health", tribe.name), ProvKind::Tribal, counties);
                p.types = mask(&[AMH, CMH]);
                p.languages.push(lang);
                p.community = Some(Group::Aian);
                p.culturally_specific = true;
                p.home = tribe_sub[t];
                p.mission = "Mental health case management for our relatives, on and off the reservation.".into();
                tribal[t].push(providers.len());
                providers.push(p);
            }
        }

        // MCO care coordination.
        let mut mco_provider = Vec::new();
        for (m, mco) in MCOS.iter().enumerate() {
            let spec = &MCO_SPECS[m];
            let counties: Vec<usize> = (0..n_c).filter(|c| serves[m][*c]).collect();
            let mut p = new_provider(&providers, &mut r, format!("{} Care Coordination", mco.name), ProvKind::Mco, counties);
            p.types = mask(spec.products);
            p.languages.extend(spec.languages.iter().copied());
            p.home = mco_sub[m];
            p.website = format!("https://www.{}.example.com", slug(mco.name));
            p.mission = format!(
                "{} care coordinators help members with Medicare and Medical Assistance get the right care, at the right time.",
                mco.name
            );
            mco_provider.push(providers.len());
            providers.push(p);
        }

        // Private agencies.
        let mut privates = vec![vec![Vec::new(); NTYPES]; n_c];
        for spec in PRIVATES {
            let counties: Vec<usize> = spec.counties.iter().map(|f| county_of(f)).collect();
            let mut p = new_provider(&providers, &mut r, spec.name.to_string(), ProvKind::Private, counties.clone());
            p.types = mask(spec.types);
            p.languages.extend(spec.languages.iter().copied());
            p.community = spec.community;
            p.culturally_specific = spec.community.is_some() || spec.languages.contains(&"ase");
            p.size = spec.size;
            p.home = county_sub[counties[0]];
            p.website = if r.chance(0.85) { format!("https://www.{}.example.org", slug(spec.name)) } else { String::new() };
            p.mission = spec.mission.to_string();
            let idx = providers.len();
            for &c in &counties {
                for t in 0..NTYPES as u8 {
                    if p.offers(t) {
                        privates[c][t as usize].push(idx);
                    }
                }
            }
            providers.push(p);
        }

        // Planted truths.
        let find = |providers: &Vec<Provider>, name: &str| providers.iter().position(|p| p.name == name).expect("planted provider");
        let plant: [(&str, Planted, f64); 10] = [
            ("Metro Pathways Case Management", Planted::Worse, 1.6),
            ("Anoka County Human Services", Planted::Worse, 1.3),
            ("Blue Plus Care Coordination", Planted::Worse, 1.2),
            ("Hmong Community Care Partners", Planted::Better, 0.95),
            ("Olmsted County Human Services", Planted::Better, 0.95),
            ("UCare Care Coordination", Planted::Better, 0.95),
            ("Downtown Recovery Case Management", Planted::Sicker, 1.0),
            ("Central Minnesota Case Management", Planted::HighCaseload, 1.45),
            ("Lakes Country Human Services", Planted::HighCaseload, 1.35),
            ("St. Louis County Human Services", Planted::HighCaseload, 1.25),
        ];
        for (name, what, caseload) in plant {
            let i = find(&providers, name);
            let p = &mut providers[i];
            p.planted = Some(what);
            match what {
                Planted::Worse => {
                    p.q = Quality::worse(caseload);
                    p.accepting = 0.3;
                }
                Planted::Better => p.q = Quality::better(),
                Planted::Sicker => {
                    p.q = Quality { severity: 1.0, ..Quality::typical() };
                }
                Planted::HighCaseload => {
                    p.q.caseload = caseload;
                    p.accepting = 0.4;
                }
            }
        }

        // Which providers each submitter lists.
        for (c, &s) in county_sub.iter().enumerate() {
            let mut list = vec![county_provider[c]];
            for by_type in &privates[c] {
                for &p in by_type {
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
            }
            submitters[s].providers = list;
        }
        for (t, &s) in tribe_sub.iter().enumerate() {
            submitters[s].providers = tribal[t].clone();
        }
        for (m, &s) in mco_sub.iter().enumerate() {
            let mut list = vec![mco_provider[m]];
            for c in 0..n_c {
                if delegated[m][c] {
                    list.push(county_provider[c]);
                }
            }
            submitters[s].providers = list;
        }
        for s in &mut submitters {
            s.providers.sort_by(|a, b| providers[*a].id.cmp(&providers[*b].id));
        }

        // MCO options per county and product.
        let mut mco_options = vec![vec![Vec::new(); NTYPES]; n_c];
        for c in 0..n_c {
            for (m, spec) in MCO_SPECS.iter().enumerate() {
                if serves[m][c] {
                    for &t in spec.products {
                        mco_options[c][t as usize].push((m, spec.weight));
                    }
                }
            }
        }

        // Case-manager pools.
        let mut pools = Vec::new();
        for (pi, p) in providers.iter_mut().enumerate() {
            let big_county = p.kind == ProvKind::County && COUNTIES[p.counties[0]].population >= 60_000;
            let groups: Vec<Vec<u8>> = match p.kind {
                ProvKind::County if big_county => {
                    let mut g: Vec<Vec<u8>> = (0..=AC).map(|t| vec![t]).collect();
                    g.push(vec![MSHO, MSC, SNBC]);
                    g
                }
                ProvKind::County => vec![
                    vec![AMH],
                    vec![CMH],
                    vec![CW],
                    vec![VADD, DD],
                    vec![RSC, EW, AC],
                    vec![CADI, BI, CAC],
                    vec![MSHO, MSC, SNBC],
                ],
                ProvKind::Private => {
                    vec![vec![AMH], vec![CMH], vec![CW], vec![VADD], vec![RSC], vec![EW, AC], vec![CADI, BI, CAC, DD]]
                }
                ProvKind::Tribal => vec![vec![AMH], vec![CMH], vec![CW], vec![VADD], vec![EW, CADI]],
                ProvKind::Mco => vec![vec![MSHO, MSC, SNBC, EW]],
            };
            let mut local = 0;
            for g in groups {
                let offered: Vec<u8> = g.into_iter().filter(|t| p.offers(*t)).collect();
                if offered.is_empty() {
                    continue;
                }
                let target = offered.iter().map(|t| TYPES[*t as usize].caseload).sum::<f64>() / offered.len() as f64;
                for &t in &offered {
                    p.pool_of[t as usize] = pools.len() as u32;
                }
                pools.push(PoolDef { provider: pi, types: mask(&offered), target: target * p.q.caseload, local });
                local += 1;
            }
        }

        // Where persons live: population, with more use of services on reservations.
        let mut county_cdf = Vec::new();
        let mut acc = 0.0;
        for (c, county) in COUNTIES.iter().enumerate() {
            let aian = group_w[c][Group::Aian as usize];
            let boost = if aian >= 0.08 { 1.5 } else { 1.0 };
            acc += county.population as f64 * boost;
            county_cdf.push(acc);
        }
        let group_cdf = group_w
            .iter()
            .map(|w| {
                let mut cdf = [0.0; NGROUPS];
                let mut a = 0.0;
                for i in 0..NGROUPS {
                    a += w[i];
                    cdf[i] = a;
                }
                cdf
            })
            .collect();
        let county_tribes = (0..n_c)
            .map(|c| (0..TRIBES.len()).filter(|t| TRIBES[*t].counties.contains(&COUNTIES[c].fips)).collect())
            .collect();
        let (gap_name, language, contact) = PROVIDER_GAP;
        let provider_gaps = vec![ProviderGap { provider: find(&providers, gap_name), language, contact }];

        World {
            providers,
            submitters,
            county_cdf,
            county_provider,
            county_sub,
            tribe_sub,
            mco_sub,
            privates,
            tribal,
            county_tribes,
            mco_provider,
            mco_options,
            delegated,
            group_cdf,
            metro,
            pools,
            disparities: true,
            provider_gaps,
        }
    }

    /// Removes every planted disparity (the statewide language gap and the provider gaps);
    /// the providers planted worse, better, sicker or over their caseload stay.
    pub(crate) fn without_disparities(mut self) -> World {
        self.disparities = false;
        self.provider_gaps.clear();
        self
    }

    /// Multiplier on the monthly contact chance of a person with preferred language `lang`
    /// at `provider` (1.0 unless a provider gap is planted there for that language).
    pub(crate) fn provider_gap_contact(&self, provider: usize, lang: &str) -> f64 {
        self.provider_gaps.iter().find(|g| g.provider == provider && g.language == lang).map_or(1.0, |g| g.contact)
    }

    /// Whether a provider accepts new people in a quarter (stable per provider and quarter).
    pub(crate) fn accepting(&self, provider: usize, quarter_key: i64) -> bool {
        let h = super::rng::mix64((provider as u64) << 32 ^ quarter_key as u64 ^ 0x00ac_ce97);
        ((h >> 11) as f64 / (1u64 << 53) as f64) < self.providers[provider].accepting
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_is_consistent() {
        let w = World::build();
        let mut ids: Vec<&str> = w.providers.iter().map(|p| p.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), w.providers.len());
        assert!(ids.iter().all(|i| i.len() == 10 && !i.starts_with('0')));
        assert_eq!(w.submitters.len(), 106);
        for p in &w.providers {
            assert!(w.submitters[p.home].providers.iter().any(|q| w.providers[*q].id == p.id), "{}", p.name);
            for t in 0..NTYPES {
                assert_eq!(p.pool_of[t] != u32::MAX, p.offers(t as u8), "{} {t}", p.name);
            }
            assert!(!p.mission.contains('|') && !p.name.contains('|'));
        }
        // Every county can serve every non-CC type and find an MCO for every CC type.
        for c in 0..87 {
            for t in [MSHO, MSC, SNBC, EW] {
                assert!(!w.mco_options[c][t as usize].is_empty(), "county {c} type {t}");
            }
        }
        assert_eq!(w.providers.iter().filter(|p| p.planted.is_some()).count(), 10);
        // The provider gap is planted at a provider with nothing else planted, which speaks the
        // language (so the statewide language gap does not apply there).
        assert!(w.disparities);
        assert_eq!(w.provider_gaps.len(), 1);
        for g in &w.provider_gaps {
            let p = &w.providers[g.provider];
            assert!(p.planted.is_none() && p.speaks(g.language), "{}", p.name);
            assert!(g.contact < 1.0);
        }
        let none = World::build().without_disparities();
        assert!(!none.disparities && none.provider_gaps.is_empty());
        // A county agency offers every program that is not MCO care coordination.
        for &c in &w.county_provider {
            for t in 0..MSHO {
                assert!(w.providers[c].offers(t));
            }
        }
    }
}
