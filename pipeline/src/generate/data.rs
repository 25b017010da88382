//! Static inputs of the generator: program (cm_type) parameters, county seats and ZIP codes,
//! the population groups and where they live, the private agencies, tribal programs and
//! MCO service areas. Every name of an agency is fictional.

// ---------------------------------------------------------------------------------------
// Case-management types (the contract's cm_type codes, in schema order).

pub(crate) const AMH: u8 = 0;
pub(crate) const CMH: u8 = 1;
pub(crate) const CW: u8 = 2;
pub(crate) const VADD: u8 = 3;
pub(crate) const RSC: u8 = 4;
pub(crate) const EW: u8 = 5;
pub(crate) const CADI: u8 = 6;
pub(crate) const DD: u8 = 7;
pub(crate) const BI: u8 = 8;
pub(crate) const CAC: u8 = 9;
pub(crate) const AC: u8 = 10;
pub(crate) const MSHO: u8 = 11;
pub(crate) const MSC: u8 = 12;
pub(crate) const SNBC: u8 = 13;
pub(crate) const NTYPES: usize = 14;

pub(crate) const TYPE_CODES: [&str; NTYPES] = [
    "AMH-TCM", "CMH-TCM", "CW-TCM", "VADD-TCM", "RSC-TCM", "EW", "CADI", "DD", "BI", "CAC", "AC", "CC-MSHO", "CC-MSC",
    "CC-SNBC",
];

pub(crate) const fn bit(t: u8) -> u16 {
    1 << t
}

pub(crate) fn mask(types: &[u8]) -> u16 {
    types.iter().fold(0, |m, t| m | bit(*t))
}

/// Targeted case management (billed T2023 / T1017).
pub(crate) fn is_tcm(t: u8) -> bool {
    t <= RSC
}
/// Home and community-based waiver case management (billed T1016 / G9002).
pub(crate) fn is_waiver(t: u8) -> bool {
    (EW..=AC).contains(&t)
}
/// MCO care coordination products.
pub(crate) fn is_cc(t: u8) -> bool {
    t >= MSHO
}
/// Types a child can be served in (the episode ends at 18).
pub(crate) fn is_child_type(t: u8) -> bool {
    t == CMH || t == CW || t == CAC
}

/// MCO `PRODUCT` code of a cm_type (only the four the ENROLL mapping knows).
pub(crate) fn product_code(t: u8) -> &'static str {
    match t {
        MSHO => "MSHO",
        MSC => "MSC",
        SNBC => "SNBC",
        EW => "EW",
        _ => unreachable!("no MCO product for {}", TYPE_CODES[t as usize]),
    }
}

pub(crate) struct TypeParams {
    /// Share of persons whose first episode is of this type.
    pub share: f64,
    /// Age at episode start: (from, to inclusive, weight) bands.
    pub ages: &'static [(u32, u32, f64)],
    /// Mean episode length in months.
    pub months: f64,
    /// Probability that an open month has a contact with the person or family.
    pub contact: f64,
    /// Mean number of further person/family contacts in such a month.
    pub extra: f64,
    /// Persons per FTE the agencies staff for.
    pub caseload: f64,
    /// Share served by a contracted private agency where one is available (metro, greater).
    pub private: (f64, f64),
}

const ADULT: &[(u32, u32, f64)] = &[(18, 34, 0.35), (35, 54, 0.40), (55, 64, 0.17), (65, 84, 0.08)];
const CHILD_MH: &[(u32, u32, f64)] = &[(4, 9, 0.25), (10, 17, 0.75)];
const CHILD: &[(u32, u32, f64)] = &[(0, 5, 0.4), (6, 12, 0.35), (13, 17, 0.25)];
const ELDER: &[(u32, u32, f64)] = &[(65, 74, 0.36), (75, 84, 0.38), (85, 99, 0.26)];
const WORKING: &[(u32, u32, f64)] = &[(18, 34, 0.3), (35, 54, 0.42), (55, 64, 0.28)];

pub(crate) static TYPES: [TypeParams; NTYPES] = [
    // AMH-TCM
    TypeParams { share: 0.18, ages: ADULT, months: 30.0, contact: 0.86, extra: 0.8, caseload: 30.0, private: (0.50, 0.30) },
    // CMH-TCM
    TypeParams { share: 0.08, ages: CHILD_MH, months: 20.0, contact: 0.88, extra: 0.9, caseload: 15.0, private: (0.35, 0.20) },
    // CW-TCM
    TypeParams { share: 0.08, ages: CHILD, months: 14.0, contact: 0.92, extra: 0.7, caseload: 18.0, private: (0.04, 0.0) },
    // VADD-TCM
    TypeParams {
        share: 0.025,
        ages: &[(18, 44, 0.6), (45, 70, 0.4)],
        months: 60.0,
        contact: 0.70,
        extra: 0.2,
        caseload: 45.0,
        private: (0.30, 0.20),
    },
    // RSC-TCM
    TypeParams {
        share: 0.01,
        ages: &[(40, 64, 0.45), (65, 95, 0.55)],
        months: 6.0,
        contact: 0.85,
        extra: 0.5,
        caseload: 25.0,
        private: (0.60, 0.40),
    },
    // EW
    TypeParams { share: 0.13, ages: ELDER, months: 40.0, contact: 0.60, extra: 0.2, caseload: 45.0, private: (0.30, 0.15) },
    // CADI
    TypeParams {
        share: 0.14,
        ages: &[(5, 17, 0.05), (18, 34, 0.3), (35, 54, 0.38), (55, 64, 0.27)],
        months: 60.0,
        contact: 0.62,
        extra: 0.2,
        caseload: 40.0,
        private: (0.55, 0.35),
    },
    // DD
    TypeParams {
        share: 0.09,
        ages: &[(3, 17, 0.22), (18, 44, 0.5), (45, 75, 0.28)],
        months: 120.0,
        contact: 0.55,
        extra: 0.2,
        caseload: 45.0,
        private: (0.40, 0.25),
    },
    // BI
    TypeParams { share: 0.02, ages: WORKING, months: 48.0, contact: 0.60, extra: 0.2, caseload: 35.0, private: (0.60, 0.40) },
    // CAC
    TypeParams { share: 0.01, ages: &[(1, 17, 1.0)], months: 48.0, contact: 0.60, extra: 0.2, caseload: 30.0, private: (0.30, 0.20) },
    // AC
    TypeParams { share: 0.025, ages: ELDER, months: 24.0, contact: 0.55, extra: 0.1, caseload: 45.0, private: (0.0, 0.0) },
    // CC-MSHO
    TypeParams { share: 0.12, ages: ELDER, months: 48.0, contact: 0.55, extra: 0.2, caseload: 55.0, private: (0.0, 0.0) },
    // CC-MSC
    TypeParams { share: 0.04, ages: ELDER, months: 36.0, contact: 0.50, extra: 0.2, caseload: 55.0, private: (0.0, 0.0) },
    // CC-SNBC
    TypeParams { share: 0.05, ages: WORKING, months: 36.0, contact: 0.50, extra: 0.2, caseload: 55.0, private: (0.0, 0.0) },
];

// ---------------------------------------------------------------------------------------
// Population groups (how race, ethnicity and language are drawn together).

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Group {
    White,
    AfAm,
    Somali,
    Oromo,
    Hmong,
    Karen,
    SeAsian,
    Latino,
    Aian,
    Multi,
    Unknown,
    Mena,
}
pub(crate) const NGROUPS: usize = 12;
pub(crate) const GROUPS: [Group; NGROUPS] = [
    Group::White,
    Group::AfAm,
    Group::Somali,
    Group::Oromo,
    Group::Hmong,
    Group::Karen,
    Group::SeAsian,
    Group::Latino,
    Group::Aian,
    Group::Multi,
    Group::Unknown,
    Group::Mena,
];

/// Group shares among people served in greater Minnesota (white is the remainder).
pub(crate) const BASE_GROUPS: [(Group, f64); 11] = [
    (Group::AfAm, 0.015),
    (Group::Somali, 0.004),
    (Group::Oromo, 0.001),
    (Group::Hmong, 0.003),
    (Group::Karen, 0.001),
    (Group::SeAsian, 0.002),
    (Group::Latino, 0.04),
    (Group::Aian, 0.015),
    (Group::Multi, 0.03),
    (Group::Unknown, 0.035),
    (Group::Mena, 0.002),
];

/// Counties whose population served differs from the base (listed groups replace the base).
pub(crate) static COUNTY_GROUPS: &[(&str, &[(Group, f64)])] = {
    use Group::*;
    &[
        (
            "27053",
            &[
                (AfAm, 0.13),
                (Somali, 0.06),
                (Oromo, 0.02),
                (Hmong, 0.025),
                (Karen, 0.004),
                (SeAsian, 0.012),
                (Latino, 0.08),
                (Aian, 0.03),
                (Multi, 0.05),
                (Unknown, 0.05),
                (Mena, 0.008),
            ],
        ),
        (
            "27123",
            &[
                (AfAm, 0.11),
                (Somali, 0.04),
                (Oromo, 0.012),
                (Hmong, 0.10),
                (Karen, 0.035),
                (SeAsian, 0.015),
                (Latino, 0.08),
                (Aian, 0.025),
                (Multi, 0.05),
                (Unknown, 0.05),
                (Mena, 0.005),
            ],
        ),
        (
            "27037",
            &[
                (AfAm, 0.06),
                (Somali, 0.015),
                (Oromo, 0.004),
                (Hmong, 0.015),
                (Karen, 0.003),
                (SeAsian, 0.01),
                (Latino, 0.08),
                (Aian, 0.01),
                (Multi, 0.04),
                (Unknown, 0.045),
            ],
        ),
        (
            "27003",
            &[(AfAm, 0.06), (Somali, 0.012), (Hmong, 0.025), (SeAsian, 0.01), (Latino, 0.05), (Multi, 0.04), (Unknown, 0.045)],
        ),
        ("27163", &[(AfAm, 0.04), (Hmong, 0.04), (Karen, 0.01), (SeAsian, 0.01), (Latino, 0.05), (Multi, 0.04), (Unknown, 0.045)]),
        ("27139", &[(AfAm, 0.04), (Somali, 0.02), (Latino, 0.07), (Aian, 0.02), (SeAsian, 0.01), (Multi, 0.04)]),
        ("27019", &[(AfAm, 0.025), (Latino, 0.05), (Multi, 0.035)]),
        ("27145", &[(AfAm, 0.02), (Somali, 0.07), (Latino, 0.04), (Multi, 0.035)]),
        ("27067", &[(Somali, 0.06), (Latino, 0.15), (AfAm, 0.01)]),
        ("27109", &[(AfAm, 0.04), (Somali, 0.05), (Latino, 0.05), (SeAsian, 0.02), (Multi, 0.04), (Mena, 0.005)]),
        ("27105", &[(Latino, 0.32), (Karen, 0.07), (Somali, 0.01), (Oromo, 0.02), (SeAsian, 0.03)]),
        ("27131", &[(Somali, 0.06), (Latino, 0.10)]),
        ("27099", &[(Latino, 0.17), (Karen, 0.05), (AfAm, 0.02), (Oromo, 0.01)]),
        ("27165", &[(Latino, 0.25)]),
        ("27047", &[(Latino, 0.12)]),
        ("27013", &[(AfAm, 0.03), (Somali, 0.01), (Latino, 0.05)]),
        ("27147", &[(Somali, 0.03), (Latino, 0.08)]),
        ("27083", &[(Latino, 0.07), (Somali, 0.02), (Karen, 0.02)]),
        ("27027", &[(AfAm, 0.03), (Latino, 0.06), (Aian, 0.03), (Somali, 0.01)]),
        ("27119", &[(Latino, 0.08), (Aian, 0.02)]),
        ("27137", &[(Aian, 0.05), (AfAm, 0.02)]),
        ("27017", &[(Aian, 0.10)]),
        ("27007", &[(Aian, 0.28)]),
        ("27087", &[(Aian, 0.48)]),
        ("27021", &[(Aian, 0.16)]),
        ("27029", &[(Aian, 0.14)]),
        ("27005", &[(Aian, 0.12)]),
        ("27031", &[(Aian, 0.10)]),
        ("27095", &[(Aian, 0.08)]),
        ("27115", &[(Aian, 0.06)]),
        ("27001", &[(Aian, 0.05)]),
        ("27061", &[(Aian, 0.06)]),
        ("27071", &[(Aian, 0.06)]),
        ("27077", &[(Aian, 0.05)]),
        ("27057", &[(Aian, 0.05)]),
        ("27127", &[(Aian, 0.06)]),
        ("27173", &[(Aian, 0.05)]),
        ("27049", &[(Aian, 0.03)]),
        ("27113", &[(Aian, 0.03)]),
    ]
};

/// Enrolled members (thousands), in [`crate::geography::TRIBES`] order: who an urban Native
/// person is affiliated with.
pub(crate) const TRIBE_WEIGHTS: [f64; 11] = [3.4, 4.3, 1.1, 9.5, 1.1, 4.9, 1.0, 12.0, 0.5, 0.5, 19.0];
/// Dakota communities (the others are Ojibwe bands), in TRIBES order.
pub(crate) const TRIBE_DAKOTA: [bool; 11] = [false, false, false, false, true, false, true, false, true, true, false];
/// Tribal nations running the full set of programs (the others run the TCM programs only).
pub(crate) const TRIBE_LARGE: [bool; 11] = [true, true, false, true, false, true, false, true, false, false, true];

// ---------------------------------------------------------------------------------------
// County seats, ZIP codes and phone area codes, in COUNTIES order.

pub(crate) static COUNTY_PLACES: [(&str, &[&str]); 87] = [
    ("Aitkin", &["56431", "56469", "55760"]),
    ("Anoka", &["55303", "55304", "55011", "55014", "55432", "55433", "55434", "55448", "55449", "55070", "55005"]),
    ("Detroit Lakes", &["56501", "56544", "56569", "56591"]),
    ("Bemidji", &["56601", "56671", "56670", "56630"]),
    ("Foley", &["56329", "56379", "56367"]),
    ("Ortonville", &["56278", "56240"]),
    ("Mankato", &["56001", "56003", "56010", "56063"]),
    ("New Ulm", &["56073", "56087", "56085"]),
    ("Carlton", &["55718", "55720", "55707", "55767"]),
    ("Chaska", &["55318", "55317", "55331", "55386", "55387", "55388", "55315", "55322"]),
    ("Walker", &["56484", "56633", "56474", "56641"]),
    ("Montevideo", &["56265", "56222"]),
    ("Center City", &["55012", "55013", "55045", "55069", "55056", "55092"]),
    ("Moorhead", &["56560", "56529", "56547", "56549"]),
    ("Bagley", &["56621", "56634", "56676"]),
    ("Grand Marais", &["55604", "55605", "55606"]),
    ("Windom", &["56101", "56159", "56183"]),
    ("Brainerd", &["56401", "56425", "56441", "56465"]),
    (
        "Hastings",
        &["55033", "55024", "55068", "55075", "55076", "55077", "55118", "55120", "55121", "55122", "55123", "55124", "55337", "55306"],
    ),
    ("Mantorville", &["55955", "55944", "55927", "55940"]),
    ("Alexandria", &["56308", "56319", "56360", "56315"]),
    ("Blue Earth", &["56013", "56097", "56027"]),
    ("Preston", &["55965", "55939", "55975", "55971"]),
    ("Albert Lea", &["56007", "56016", "56036"]),
    ("Red Wing", &["55066", "55089", "55946", "55992", "55009"]),
    ("Elbow Lake", &["56531", "56248"]),
    (
        "Minneapolis",
        &[
            "55401", "55403", "55404", "55405", "55406", "55407", "55408", "55409", "55410", "55411", "55412", "55413", "55414",
            "55415", "55417", "55418", "55419", "55420", "55422", "55423", "55424", "55425", "55426", "55427", "55428", "55429",
            "55430", "55431", "55435", "55436", "55437", "55438", "55439", "55441", "55442", "55443", "55444", "55445", "55446",
            "55447", "55305", "55311", "55316", "55343", "55344", "55345", "55346", "55347", "55369", "55374", "55391", "55356",
            "55364", "55384",
        ],
    ),
    ("Caledonia", &["55921", "55947", "55974"]),
    ("Park Rapids", &["56470", "56461", "56458"]),
    ("Cambridge", &["55008", "55040", "55080"]),
    ("Grand Rapids", &["55744", "55709", "56628", "56681"]),
    ("Jackson", &["56143", "56111", "56137"]),
    ("Mora", &["55051", "56358"]),
    ("Willmar", &["56201", "56273", "56288", "56251"]),
    ("Hallock", &["56728", "56731", "56735"]),
    ("International Falls", &["56649", "56653", "55771"]),
    ("Madison", &["56256", "56232", "56218"]),
    ("Two Harbors", &["55616", "55614", "55603"]),
    ("Baudette", &["56623", "56686"]),
    ("Le Center", &["56057", "56058", "56071", "56028"]),
    ("Ivanhoe", &["56142", "56149", "56178"]),
    ("Marshall", &["56258", "56115", "56157"]),
    ("Glencoe", &["55336", "55350", "55354"]),
    ("Mahnomen", &["56557", "56566"]),
    ("Warren", &["56762", "56713", "56756"]),
    ("Fairmont", &["56031", "56050", "56181"]),
    ("Litchfield", &["55355", "55329", "55389"]),
    ("Milaca", &["56353", "56359", "56386", "56342"]),
    ("Little Falls", &["56345", "56364", "56373"]),
    ("Austin", &["55912", "55917", "55936"]),
    ("Slayton", &["56172", "56131", "56125"]),
    ("St. Peter", &["56082", "56003", "56074"]),
    ("Worthington", &["56187", "56119", "56129"]),
    ("Ada", &["56510", "56584", "56550"]),
    ("Rochester", &["55901", "55902", "55904", "55906", "55920", "55960", "55963"]),
    ("Fergus Falls", &["56537", "56572", "56573", "56567"]),
    ("Thief River Falls", &["56701", "56748"]),
    ("Pine City", &["55063", "55037", "55072", "55735"]),
    ("Pipestone", &["56164", "56144"]),
    ("Crookston", &["56716", "56721", "56723"]),
    ("Glenwood", &["56334", "56381"]),
    (
        "St. Paul",
        &[
            "55101", "55102", "55103", "55104", "55105", "55106", "55107", "55108", "55109", "55110", "55112", "55113", "55114",
            "55116", "55117", "55119", "55126", "55127", "55130",
        ],
    ),
    ("Red Lake Falls", &["56750", "56742"]),
    ("Redwood Falls", &["56283", "56270", "56152"]),
    ("Olivia", &["56277", "56214", "56230"]),
    ("Faribault", &["55021", "55057", "55088"]),
    ("Luverne", &["56156", "56134"]),
    ("Roseau", &["56751", "56756", "56763"]),
    (
        "Duluth",
        &["55802", "55803", "55804", "55805", "55806", "55807", "55808", "55811", "55812", "55792", "55746", "55731", "55705"],
    ),
    ("Shakopee", &["55379", "55372", "55378", "55352", "55020", "55054"]),
    ("Elk River", &["55330", "55398", "55308"]),
    ("Gaylord", &["55334", "55366", "55307"]),
    ("St. Cloud", &["56301", "56303", "56304", "56320", "56377", "56387", "56352"]),
    ("Owatonna", &["55060", "55049", "56026"]),
    ("Morris", &["56267", "56235"]),
    ("Benson", &["56215", "56252"]),
    ("Long Prairie", &["56347", "56479", "56438"]),
    ("Wheaton", &["56296", "56219"]),
    ("Wabasha", &["55981", "55041", "55968"]),
    ("Wadena", &["56482", "56464", "56477"]),
    ("Waseca", &["56093", "56072", "56048"]),
    ("Stillwater", &["55082", "55042", "55043", "55055", "55125", "55128", "55129", "55016", "55038", "55047"]),
    ("St. James", &["56081", "56062", "56120"]),
    ("Breckenridge", &["56520", "56579"]),
    ("Winona", &["55987", "55910", "55959", "55972"]),
    ("Buffalo", &["55313", "55362", "55376", "55301", "55328", "55358"]),
    ("Granite Falls", &["56241", "56220", "56292"]),
];

/// Telephone area code for a county (by the first digits of its seat's ZIP).
pub(crate) fn area_code(fips: &str) -> &'static str {
    match fips {
        "27053" => "612",
        "27123" | "27163" | "27037" | "27025" | "27049" => "651",
        "27003" | "27171" | "27141" | "27059" => "763",
        "27019" | "27139" => "952",
        _ => {
            let i = crate::geography::county_index(fips).unwrap_or(0);
            let zip = COUNTY_PLACES[i].1[0];
            match &zip[..3] {
                "556" | "557" | "558" | "566" | "567" | "564" | "565" => "218",
                "559" | "560" | "561" | "550" => "507",
                _ => "320",
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Private agencies contracted by counties (fictional). Languages beyond English.

pub(crate) struct PrivateSpec {
    pub name: &'static str,
    pub counties: &'static [&'static str],
    pub types: &'static [u8],
    pub languages: &'static [&'static str],
    /// The community a culturally specific agency serves.
    pub community: Option<Group>,
    /// Relative size among the agencies a county contracts with.
    pub size: f64,
    pub mission: &'static str,
}

const METRO_CORE: &[&str] = &["27053", "27123"];

pub(crate) static PRIVATES: &[PrivateSpec] = &[
    PrivateSpec {
        name: "Metro Pathways Case Management",
        counties: &["27053", "27123", "27003"],
        types: &[AMH, CADI, BI],
        languages: &[],
        community: None,
        size: 3.0,
        mission: "Case management for adults with mental illness, brain injury or disabilities, across the metro.",
    },
    PrivateSpec {
        name: "Somali Family Care Network",
        counties: &["27053", "27123", "27037"],
        types: &[AMH, CMH, CADI, EW],
        languages: &["som"],
        community: Some(Group::Somali),
        size: 1.0,
        mission: "Culturally grounded case management for Somali families, in Somali and English.",
    },
    PrivateSpec {
        name: "Hmong Community Care Partners",
        counties: &["27123", "27053", "27163", "27003"],
        types: &[AMH, CADI, EW],
        languages: &["hmn"],
        community: Some(Group::Hmong),
        size: 1.5,
        mission: "Serving Hmong elders, adults and families with respect, in Hmong and English.",
    },
    PrivateSpec {
        name: "Karen Wellness Collaborative",
        counties: &["27123", "27163"],
        types: &[AMH, CMH, CADI],
        languages: &["kar"],
        community: Some(Group::Karen),
        size: 0.8,
        mission: "Karen-led, trauma-informed support for refugee families in the east metro.",
    },
    PrivateSpec {
        name: "Oromo and East African Community Services",
        counties: &["27053", "27123"],
        types: &[AMH, CADI, EW],
        languages: &["orm", "amh"],
        community: Some(Group::Oromo),
        size: 0.8,
        mission: "Case management in Afaan Oromo, Amharic and English.",
    },
    PrivateSpec {
        name: "Latino Family Support Services",
        counties: &["27053", "27123", "27037", "27139"],
        types: &[AMH, CMH, CADI],
        languages: &["spa"],
        community: Some(Group::Latino),
        size: 1.2,
        mission: "Apoyo para familias latinas: bilingual case management, from intake to goals met.",
    },
    PrivateSpec {
        name: "Native Circle Case Management",
        counties: METRO_CORE,
        types: &[AMH, CMH, CADI],
        languages: &["oji", "dak"],
        community: Some(Group::Aian),
        size: 1.0,
        mission: "Urban American Indian case management.\nGrounded in Ojibwe and Dakota values.",
    },
    PrivateSpec {
        name: "Downtown Recovery Case Management",
        counties: METRO_CORE,
        types: &[AMH, CADI],
        languages: &[],
        community: None,
        size: 2.5,
        mission: "We serve adults experiencing homelessness, serious mental illness and addiction, \"wherever they are.\"",
    },
    PrivateSpec {
        name: "North Metro Disability Services",
        counties: &["27003", "27053", "27123", "27163"],
        types: &[CADI, DD, BI, VADD, CAC],
        languages: &[],
        community: None,
        size: 2.0,
        mission: "Disability case management for children and adults, in the north and east metro.",
    },
    PrivateSpec {
        name: "South Metro Senior Care Coordination",
        counties: &["27037", "27139", "27019"],
        types: &[EW, CADI, RSC],
        languages: &[],
        community: None,
        size: 1.5,
        mission: "Helping older adults stay \"at home, on their own terms.\"",
    },
    PrivateSpec {
        name: "Twin Cities Youth and Family Services",
        counties: &["27053", "27123", "27037", "27163"],
        types: &[CMH, CW],
        languages: &["spa"],
        community: None,
        size: 1.5,
        mission: "Children's mental health case management, with families at the center.",
    },
    PrivateSpec {
        name: "Lakeside Behavioral Health Partners",
        counties: &["27019", "27139", "27053"],
        types: &[AMH, CMH],
        languages: &[],
        community: None,
        size: 1.5,
        mission: "Adult and children's mental health case management, southwest metro.",
    },
    PrivateSpec {
        name: "Southeast Asian Community Care",
        counties: &["27123", "27053"],
        types: &[EW, CADI],
        languages: &["vie", "lao", "khm"],
        community: Some(Group::SeAsian),
        size: 0.8,
        mission: "Vietnamese, Lao and Khmer speaking case managers for elders and adults with disabilities.",
    },
    PrivateSpec {
        name: "Deaf and Hard of Hearing Case Management",
        counties: &["27053", "27123", "27037", "27003"],
        types: &[AMH, CADI],
        languages: &["ase"],
        community: None,
        size: 0.5,
        mission: "Case management in American Sign Language, by Deaf and hearing staff.",
    },
    PrivateSpec {
        name: "Relocation Partners of Minnesota",
        counties: &["27053", "27123", "27037", "27003", "27163", "27145", "27109", "27137"],
        types: &[RSC],
        languages: &[],
        community: None,
        size: 2.0,
        mission: "Relocation service coordination: moving from a nursing home, hospital or treatment center back to the community.",
    },
    PrivateSpec {
        name: "Eastern European Senior Services",
        counties: &["27053"],
        types: &[EW],
        languages: &["rus"],
        community: None,
        size: 0.4,
        mission: "Elderly Waiver case management in Russian and English.",
    },
    PrivateSpec {
        name: "Northland Case Management",
        counties: &["27137", "27017", "27075", "27031"],
        types: &[AMH, CADI, BI, DD],
        languages: &[],
        community: None,
        size: 1.5,
        mission: "Arrowhead case management: mental health, disability and brain injury services.",
    },
    PrivateSpec {
        name: "Iron Range Community Services",
        counties: &["27137", "27061", "27071"],
        types: &[AMH, CADI, EW],
        languages: &[],
        community: None,
        size: 1.0,
        mission: "Rooted on the Range, serving adults and elders since 1987.",
    },
    PrivateSpec {
        name: "Central Minnesota Case Management",
        counties: &["27145", "27009", "27141", "27171", "27097"],
        types: &[AMH, CADI, DD, EW],
        languages: &[],
        community: None,
        size: 2.0,
        mission: "Case management for central Minnesota, from St. Cloud to Little Falls.",
    },
    PrivateSpec {
        name: "St. Cloud Somali Community Services",
        counties: &["27145", "27009", "27141"],
        types: &[AMH, CADI],
        languages: &["som"],
        community: Some(Group::Somali),
        size: 0.8,
        mission: "Somali-speaking case managers, serving central Minnesota families.",
    },
    PrivateSpec {
        name: "West Central Family Services",
        counties: &["27067", "27151", "27023", "27093", "27129"],
        types: &[AMH, CMH, CADI],
        languages: &["spa", "som"],
        community: None,
        size: 1.0,
        mission: "Family services for Willmar and the surrounding counties, in English, Spanish and Somali.",
    },
    PrivateSpec {
        name: "Southwest Prairie Case Management",
        counties: &["27105", "27133", "27117", "27101", "27063", "27033", "27081", "27083"],
        types: &[AMH, CADI, EW, DD],
        languages: &["spa", "kar"],
        community: None,
        size: 1.2,
        mission: "Serving the prairie counties of southwest Minnesota.",
    },
    PrivateSpec {
        name: "Southeast Minnesota Care Coordination",
        counties: &["27109", "27039", "27045", "27055", "27157", "27169", "27049", "27099", "27047", "27147"],
        types: &[AMH, CADI, DD, EW, BI],
        languages: &[],
        community: None,
        size: 1.8,
        mission: "Case management across southeast Minnesota, from the bluffs to the prairie.",
    },
    PrivateSpec {
        name: "Rochester Multicultural Services",
        counties: &["27109"],
        types: &[AMH, CADI],
        languages: &["som", "spa"],
        community: Some(Group::Somali),
        size: 0.8,
        mission: "Multicultural case management in Rochester.\nSomali, Spanish and English.",
    },
    PrivateSpec {
        name: "Minnesota River Valley Services",
        counties: &["27013", "27103", "27079", "27015", "27165", "27161", "27043", "27091", "27143", "27127"],
        types: &[AMH, CMH, CADI, EW],
        languages: &["spa"],
        community: None,
        size: 1.5,
        mission: "Mental health and waiver case management in the Minnesota River valley.",
    },
    PrivateSpec {
        name: "Red River Valley Case Management",
        counties: &["27027", "27119", "27107", "27167", "27113", "27089", "27069", "27125", "27135"],
        types: &[AMH, CADI, DD, EW],
        languages: &[],
        community: None,
        size: 1.2,
        mission: "Case management for the Red River valley, Moorhead to Roseau.",
    },
    PrivateSpec {
        name: "Lakes Country Human Services",
        counties: &["27111", "27005", "27041", "27121", "27051", "27149", "27155", "27159", "27153"],
        types: &[AMH, CADI, DD, EW, BI],
        languages: &[],
        community: None,
        size: 1.5,
        mission: "Lakes country case management: adults, elders and people with disabilities.",
    },
    PrivateSpec {
        name: "North Woods Behavioral Health",
        counties: &["27007", "27021", "27057", "27029", "27077", "27061"],
        types: &[AMH, CMH, CADI],
        languages: &[],
        community: None,
        size: 1.0,
        mission: "Behavioral health case management in the north woods.",
    },
    PrivateSpec {
        name: "Brainerd Lakes Case Management",
        counties: &["27035", "27021", "27001", "27097", "27153", "27159"],
        types: &[AMH, CADI, EW, DD],
        languages: &[],
        community: None,
        size: 1.2,
        mission: "Brainerd lakes area case management, for every age.",
    },
    PrivateSpec {
        name: "East Central Community Services",
        counties: &["27059", "27025", "27115", "27065", "27095"],
        types: &[AMH, CADI, DD, EW],
        languages: &[],
        community: None,
        size: 1.2,
        mission: "Community services for the east central counties.",
    },
    PrivateSpec {
        name: "Cannon Valley Services",
        counties: &["27131", "27147", "27049", "27039", "27161"],
        types: &[AMH, CMH, CADI],
        languages: &["spa", "som"],
        community: None,
        size: 1.0,
        mission: "Cannon Valley case management, in English, Spanish and Somali.",
    },
    PrivateSpec {
        name: "Crow River Case Management",
        counties: &["27085", "27093", "27143", "27171"],
        types: &[CADI, DD, EW],
        languages: &[],
        community: None,
        size: 1.0,
        mission: "Waiver case management along the Crow River.",
    },
    PrivateSpec {
        name: "Prairie Lakes Youth Services",
        counties: &["27013", "27067", "27145"],
        types: &[CMH],
        languages: &[],
        community: None,
        size: 1.0,
        mission: "Children's mental health case management, school to home.",
    },
    PrivateSpec {
        name: "Minnesota Brain Injury Services",
        counties: &["27053", "27123", "27037", "27003", "27109", "27145", "27137"],
        types: &[BI],
        languages: &[],
        community: None,
        size: 1.5,
        mission: "Brain injury waiver case management, statewide hubs.",
    },
    PrivateSpec {
        name: "Austin Area Family Services",
        counties: &["27099", "27047", "27045"],
        types: &[AMH, CADI],
        languages: &["spa", "kar"],
        community: None,
        size: 0.8,
        mission: "Family services for Austin and Albert Lea, in English, Spanish and Karen.",
    },
];

// ---------------------------------------------------------------------------------------
// Managed care organizations, in MCOS order.

pub(crate) struct McoSpec {
    /// Counties served (empty: statewide).
    pub counties: &'static [&'static str],
    pub products: &'static [u8],
    pub weight: f64,
    /// Share of greater-Minnesota counties that delegate care coordination to the county
    /// (1.0: every county of the service area; 0.0: the plan's own care coordinators).
    pub delegate: f64,
    pub languages: &'static [&'static str],
}

const PRIMEWEST: &[&str] =
    &["27007", "27011", "27029", "27041", "27051", "27057", "27085", "27093", "27117", "27121", "27129", "27149", "27155"];
const SOUTH_COUNTRY: &[&str] = &["27015", "27039", "27047", "27049", "27065", "27143", "27147", "27157", "27161"];
const HEALTHPARTNERS: &[&str] =
    &["27003", "27019", "27037", "27053", "27123", "27139", "27163", "27025", "27059", "27141", "27171", "27131", "27115"];

pub(crate) static MCO_SPECS: [McoSpec; 8] = [
    // mco-blue-plus
    McoSpec { counties: &[], products: &[MSHO, MSC, EW], weight: 0.22, delegate: 0.5, languages: &["spa"] },
    // mco-healthpartners
    McoSpec {
        counties: HEALTHPARTNERS,
        products: &[MSHO, MSC, SNBC, EW],
        weight: 0.18,
        delegate: 0.3,
        languages: &["spa", "hmn", "som"],
    },
    // mco-hennepin-health
    McoSpec { counties: &["27053"], products: &[SNBC], weight: 0.3, delegate: 0.0, languages: &["spa", "som", "orm"] },
    // mco-imcare
    McoSpec { counties: &["27061"], products: &[MSHO, MSC, SNBC, EW], weight: 3.0, delegate: 1.0, languages: &[] },
    // mco-medica
    McoSpec { counties: &[], products: &[MSHO, MSC, SNBC, EW], weight: 0.2, delegate: 0.5, languages: &["spa", "som"] },
    // mco-primewest
    McoSpec { counties: PRIMEWEST, products: &[MSHO, MSC, SNBC, EW], weight: 3.0, delegate: 1.0, languages: &["spa"] },
    // mco-south-country
    McoSpec { counties: SOUTH_COUNTRY, products: &[MSHO, MSC, SNBC, EW], weight: 3.0, delegate: 1.0, languages: &["spa", "som"] },
    // mco-ucare
    McoSpec {
        counties: &[],
        products: &[MSHO, MSC, SNBC, EW],
        weight: 0.35,
        delegate: 0.5,
        languages: &["spa", "hmn", "som", "vie", "rus"],
    },
];

pub(crate) const STREETS: [&str; 12] = [
    "Main St",
    "1st Ave N",
    "Washington Ave",
    "County Road 12",
    "Broadway",
    "Lake St",
    "2nd St SE",
    "Central Ave",
    "University Ave W",
    "Minnesota Ave",
    "Park Ave",
    "Riverside Dr",
];
