//! Minnesota reference data: the 87 counties, the 11 tribal nations and the 8 managed care
//! organizations that submit extracts (extracts.md §1). Used by validation (county FIPS and
//! tribe codes), by the stratifiers (metro vs greater Minnesota) and by the generator.

/// A Minnesota county. `name` is the county's name without the word "County"
/// (e.g. `Hennepin`, `St. Louis`, `Lac qui Parle`); `population` is the 2020 census count,
/// rounded as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct County {
    pub fips: &'static str,
    pub name: &'static str,
    pub population: u32,
}

const fn c(fips: &'static str, name: &'static str, population: u32) -> County {
    County { fips, name, population }
}

/// All 87 Minnesota counties in FIPS order (27001 … 27173).
pub static COUNTIES: [County; 87] = [
    c("27001", "Aitkin", 15_697),
    c("27003", "Anoka", 363_887),
    c("27005", "Becker", 35_183),
    c("27007", "Beltrami", 46_228),
    c("27009", "Benton", 41_379),
    c("27011", "Big Stone", 5_166),
    c("27013", "Blue Earth", 69_112),
    c("27015", "Brown", 25_912),
    c("27017", "Carlton", 36_207),
    c("27019", "Carver", 106_922),
    c("27021", "Cass", 30_066),
    c("27023", "Chippewa", 12_598),
    c("27025", "Chisago", 56_621),
    c("27027", "Clay", 65_318),
    c("27029", "Clearwater", 8_524),
    c("27031", "Cook", 5_600),
    c("27033", "Cottonwood", 11_517),
    c("27035", "Crow Wing", 66_123),
    c("27037", "Dakota", 439_882),
    c("27039", "Dodge", 20_867),
    c("27041", "Douglas", 39_006),
    c("27043", "Faribault", 13_921),
    c("27045", "Fillmore", 21_228),
    c("27047", "Freeborn", 30_895),
    c("27049", "Goodhue", 47_582),
    c("27051", "Grant", 6_074),
    c("27053", "Hennepin", 1_281_565),
    c("27055", "Houston", 18_843),
    c("27057", "Hubbard", 21_344),
    c("27059", "Isanti", 41_135),
    c("27061", "Itasca", 45_014),
    c("27063", "Jackson", 9_989),
    c("27065", "Kanabec", 16_032),
    c("27067", "Kandiyohi", 43_732),
    c("27069", "Kittson", 4_207),
    c("27071", "Koochiching", 12_062),
    c("27073", "Lac qui Parle", 6_719),
    c("27075", "Lake", 10_905),
    c("27077", "Lake of the Woods", 3_763),
    c("27079", "Le Sueur", 28_674),
    c("27081", "Lincoln", 5_640),
    c("27083", "Lyon", 25_269),
    c("27085", "McLeod", 36_771),
    c("27087", "Mahnomen", 5_411),
    c("27089", "Marshall", 9_040),
    c("27091", "Martin", 20_025),
    c("27093", "Meeker", 23_400),
    c("27095", "Mille Lacs", 26_459),
    c("27097", "Morrison", 34_010),
    c("27099", "Mower", 40_029),
    c("27101", "Murray", 8_179),
    c("27103", "Nicollet", 34_454),
    c("27105", "Nobles", 22_290),
    c("27107", "Norman", 6_441),
    c("27109", "Olmsted", 162_847),
    c("27111", "Otter Tail", 60_081),
    c("27113", "Pennington", 13_992),
    c("27115", "Pine", 28_876),
    c("27117", "Pipestone", 9_424),
    c("27119", "Polk", 31_192),
    c("27121", "Pope", 11_308),
    c("27123", "Ramsey", 552_352),
    c("27125", "Red Lake", 3_935),
    c("27127", "Redwood", 15_425),
    c("27129", "Renville", 14_723),
    c("27131", "Rice", 67_097),
    c("27133", "Rock", 9_704),
    c("27135", "Roseau", 15_331),
    c("27137", "St. Louis", 200_231),
    c("27139", "Scott", 150_928),
    c("27141", "Sherburne", 97_183),
    c("27143", "Sibley", 14_836),
    c("27145", "Stearns", 158_292),
    c("27147", "Steele", 37_406),
    c("27149", "Stevens", 9_671),
    c("27151", "Swift", 9_838),
    c("27153", "Todd", 25_262),
    c("27155", "Traverse", 3_360),
    c("27157", "Wabasha", 21_387),
    c("27159", "Wadena", 14_065),
    c("27161", "Waseca", 18_968),
    c("27163", "Washington", 267_568),
    c("27165", "Watonwan", 11_253),
    c("27167", "Wilkin", 6_506),
    c("27169", "Winona", 49_671),
    c("27171", "Wright", 141_337),
    c("27173", "Yellow Medicine", 9_528),
];

/// The Twin Cities seven-county metro: Anoka, Carver, Dakota, Hennepin, Ramsey, Scott,
/// Washington (the `metro` region of the stratifiers).
pub const METRO_FIPS: [&str; 7] = ["27003", "27019", "27037", "27053", "27123", "27139", "27163"];

/// A tribal nation that submits extracts. `counties` are the counties where its
/// reservation or community lands lie (first: where most of it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tribe {
    pub id: &'static str,
    pub name: &'static str,
    pub counties: &'static [&'static str],
}

/// The 11 federally recognized tribal nations in Minnesota, with their `tribe-<slug>` ids.
pub static TRIBES: [Tribe; 11] = [
    Tribe { id: "tribe-bois-forte", name: "Bois Forte Band of Chippewa", counties: &["27137", "27071", "27061"] },
    Tribe {
        id: "tribe-fond-du-lac",
        name: "Fond du Lac Band of Lake Superior Chippewa",
        counties: &["27017", "27137"],
    },
    Tribe {
        id: "tribe-grand-portage",
        name: "Grand Portage Band of Lake Superior Chippewa",
        counties: &["27031"],
    },
    Tribe {
        id: "tribe-leech-lake",
        name: "Leech Lake Band of Ojibwe",
        counties: &["27021", "27007", "27061", "27057"],
    },
    Tribe { id: "tribe-lower-sioux", name: "Lower Sioux Indian Community", counties: &["27127", "27129"] },
    Tribe { id: "tribe-mille-lacs", name: "Mille Lacs Band of Ojibwe", counties: &["27095", "27001", "27115"] },
    Tribe { id: "tribe-prairie-island", name: "Prairie Island Indian Community", counties: &["27049"] },
    Tribe { id: "tribe-red-lake", name: "Red Lake Nation", counties: &["27007", "27029", "27077"] },
    Tribe { id: "tribe-shakopee", name: "Shakopee Mdewakanton Sioux Community", counties: &["27139"] },
    Tribe { id: "tribe-upper-sioux", name: "Upper Sioux Community", counties: &["27173", "27023"] },
    Tribe { id: "tribe-white-earth", name: "White Earth Nation", counties: &["27087", "27005", "27029"] },
];

/// A managed care organization that submits extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mco {
    pub id: &'static str,
    pub name: &'static str,
}

/// The 8 managed care organizations of the contract, with their `mco-<slug>` ids.
pub static MCOS: [Mco; 8] = [
    Mco { id: "mco-blue-plus", name: "Blue Plus" },
    Mco { id: "mco-healthpartners", name: "HealthPartners" },
    Mco { id: "mco-hennepin-health", name: "Hennepin Health" },
    Mco { id: "mco-imcare", name: "Itasca Medical Care (IMCare)" },
    Mco { id: "mco-medica", name: "Medica" },
    Mco { id: "mco-primewest", name: "PrimeWest Health" },
    Mco { id: "mco-south-country", name: "South Country Health Alliance" },
    Mco { id: "mco-ucare", name: "UCare" },
];

/// The county's name (without "County") for a 5-digit Minnesota FIPS code.
pub fn county_name(fips: &str) -> Option<&'static str> {
    county_index(fips).map(|i| COUNTIES[i].name)
}

/// A county's name as a file name ("st-louis", "lac-qui-parle"): the choice sheets are
/// named so, for an intake worker to find and type.
pub fn county_slug(fips: &str) -> Option<String> {
    county_name(fips).map(|n| {
        n.chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() })
            .collect()
    })
}

/// True for the 5-digit FIPS code of one of Minnesota's 87 counties.
pub fn is_mn_county(fips: &str) -> bool {
    county_index(fips).is_some()
}

/// Position of a county in [`COUNTIES`] (FIPS order), without a search: Minnesota's county
/// codes are the odd numbers 27001 … 27173.
pub fn county_index(fips: &str) -> Option<usize> {
    let b = fips.as_bytes();
    if b.len() != 5 || !b.starts_with(b"27") || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: usize = fips[2..].parse().ok()?;
    (n % 2 == 1 && (1..=173).contains(&n)).then(|| (n - 1) / 2)
}

/// True for a county of the Twin Cities seven-county metro.
pub fn is_metro(fips: &str) -> bool {
    METRO_FIPS.contains(&fips)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counties_are_the_87_odd_codes_in_order() {
        for (i, c) in COUNTIES.iter().enumerate() {
            assert_eq!(c.fips, format!("27{:03}", 2 * i + 1));
            assert_eq!(county_index(c.fips), Some(i));
            assert!(c.population > 3000, "{}", c.name);
        }
        let total: u64 = COUNTIES.iter().map(|c| c.population as u64).sum();
        assert!((5_600_000..5_800_000).contains(&total), "{total}");
        assert_eq!(county_name("27053"), Some("Hennepin"));
        assert_eq!(county_name("27137"), Some("St. Louis"));
        for bad in ["27000", "27002", "27175", "2705", "270530", "28053", "2705a", ""] {
            assert!(!is_mn_county(bad), "{bad}");
        }
    }

    #[test]
    fn tribes_and_mcos() {
        for t in &TRIBES {
            assert!(t.id.starts_with("tribe-"));
            assert!(!t.counties.is_empty() && t.counties.iter().all(|c| is_mn_county(c)), "{}", t.id);
        }
        for w in TRIBES.windows(2) {
            assert!(w[0].id < w[1].id);
        }
        for w in MCOS.windows(2) {
            assert!(w[0].id < w[1].id && w[1].id.starts_with("mco-"));
        }
        assert!(METRO_FIPS.iter().all(|f| is_mn_county(f)));
    }
}
