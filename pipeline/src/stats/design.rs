//! Covariate coding for risk adjustment (measures.md, "Coding"): turns covariate columns
//! into a numeric design matrix whose terms are learned from the rows the model is fitted on
//! and then applied unchanged to every row that gets a prediction.
//!
//! - a factor becomes indicators against its most frequent level;
//! - a count becomes one numeric term `min(n, cap)`;
//! - a prior-year count becomes indicators for `1` and `2+` against `0`;
//! - an unknown (null) value is a level of its own (`unknown`);
//! - a level seen on fewer than [`MIN_LEVEL_ROWS`] fitting rows is merged into the reference;
//! - a term constant over the fitting rows is dropped.

use std::collections::BTreeMap;

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Int32Type, Int64Type};
use datafusion::common::HashMap;

/// measures.md: a level with fewer than 10 denominator rows statewide joins the reference.
pub const MIN_LEVEL_ROWS: usize = 10;
/// The name of an unknown (null) level.
pub const UNKNOWN: &str = "unknown";

/// How one covariate enters the model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Coding {
    /// Indicators against the most frequent level.
    Factor,
    /// One numeric term min(n, cap); unknown adds an indicator `=unknown` (value 0).
    Capped(i64),
    /// Indicators `1` and `2+` against `0` (and `unknown`).
    ZeroOneTwoPlus,
}

/// One covariate's values, one per row, as level text (factors) or integers (counts).
#[derive(Debug, Clone)]
pub enum Values {
    Levels(Vec<Option<String>>),
    /// Levels as codes into `names`, unknown (null) already one of the names: how
    /// [`Values::from_array`] reads a text column, without a string per row (a risk model at
    /// 1,000,000 persons reads 13 covariates of 1.2 million rows each).
    Coded { names: Vec<String>, codes: Vec<u32> },
    Counts(Vec<Option<i64>>),
}

impl Values {
    /// Reads an Arrow column: text and booleans (`Y`/`N`) as levels, integers as counts.
    pub fn from_array(a: &dyn Array, coding: Coding) -> Result<Values, datafusion::arrow::error::ArrowError> {
        match coding {
            Coding::Factor => {
                if a.data_type() == &DataType::Boolean {
                    let b = a.as_boolean();
                    let codes = (0..a.len()).map(|i| if b.is_null(i) { 2 } else if b.value(i) { 0 } else { 1 }).collect();
                    return Ok(Values::Coded { names: vec!["Y".into(), "N".into(), UNKNOWN.into()], codes });
                }
                // Arrow's dictionary cast finds the distinct texts; a null becomes the level
                // `unknown`, the same level as a text "unknown" if the column has one.
                let text = cast(a, &DataType::Utf8)?;
                let dictionary = cast(&text, &DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)))?;
                let dictionary = dictionary.as_dictionary::<Int32Type>();
                // The cast's dictionary holds each distinct text once, so its keys are the codes.
                let values = dictionary.values().as_string::<i32>();
                let mut names: Vec<String> = values.iter().map(|v| v.unwrap_or(UNKNOWN).to_string()).collect();
                let unknown = names.iter().position(|n| n == UNKNOWN).unwrap_or_else(|| {
                    names.push(UNKNOWN.to_string());
                    names.len() - 1
                }) as u32;
                let keys = dictionary.keys();
                let codes = keys.iter().map(|k| k.map_or(unknown, |k| k as u32)).collect();
                Ok(Values::Coded { names, codes })
            }
            _ => {
                let n = cast(a, &DataType::Int64)?;
                let n = n.as_primitive::<Int64Type>();
                Ok(Values::Counts((0..a.len()).map(|i| n.is_valid(i).then(|| n.value(i))).collect()))
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Values::Levels(v) => v.len(),
            Values::Coded { codes, .. } => codes.len(),
            Values::Counts(v) => v.len(),
        }
    }
}

/// A covariate column to code.
#[derive(Debug, Clone)]
pub struct Covariate {
    pub name: String,
    pub coding: Coding,
    pub values: Values,
}

impl Covariate {
    /// The level of row `i` as the coding sees it.
    fn level(&self, i: usize) -> &str {
        match (&self.values, self.coding) {
            (Values::Levels(v), _) => v[i].as_deref().unwrap_or(UNKNOWN),
            (Values::Coded { names, codes }, _) => &names[codes[i] as usize],
            (Values::Counts(v), Coding::ZeroOneTwoPlus) => match v[i] {
                None => UNKNOWN,
                Some(n) if n <= 0 => "0",
                Some(1) => "1",
                Some(_) => "2+",
            },
            (Values::Counts(v), _) => match v[i] {
                None => UNKNOWN,
                Some(_) => "known",
            },
        }
    }

    /// Every row's level as a small integer, and the level names: coding a million rows
    /// then compares integers instead of strings.
    fn encode(&self) -> (Vec<String>, Vec<u32>) {
        if let Values::Coded { names, codes } = &self.values {
            return (names.clone(), codes.clone());
        }
        let mut index: HashMap<&str, u32> = HashMap::default();
        let mut names = Vec::new();
        let codes = (0..self.values.len())
            .map(|i| {
                let level = self.level(i);
                *index.entry(level).or_insert_with(|| {
                    names.push(level.to_string());
                    (names.len() - 1) as u32
                })
            })
            .collect();
        (names, codes)
    }
}

/// One column of the design.
#[derive(Debug, Clone, PartialEq)]
enum Term {
    Intercept,
    /// 1 when covariate `cov` is at the level with code `level`.
    Indicator { cov: usize, level: u32 },
    /// min(n, cap) of covariate `cov` (0 when unknown).
    Numeric { cov: usize, cap: i64 },
}

/// The coding learned from the fitting rows, with the rows' level codes.
#[derive(Debug, Clone)]
pub struct Design {
    terms: Vec<Term>,
    /// Per covariate, every row's level code.
    codes: Vec<Vec<u32>>,
    /// Per covariate, every row's count (numeric covariates only).
    counts: Vec<Vec<Option<i64>>>,
    /// Term names: `intercept`, `<covariate>=<level>`, or the covariate's name for numerics.
    pub names: Vec<String>,
    /// The reference level of each covariate coded by indicators.
    pub reference: BTreeMap<String, String>,
    /// Levels merged into the reference for being rare.
    pub merged: BTreeMap<String, Vec<String>>,
    /// Terms dropped for being constant over the fitting rows.
    pub dropped: Vec<String>,
}

impl Design {
    /// Learns the coding from the rows where `fit_rows[i]` is true; the design then codes
    /// every row of `covs` (all of the same length as `fit_rows`).
    pub fn learn(covs: &[Covariate], fit_rows: &[bool]) -> Design {
        let mut terms = vec![Term::Intercept];
        let mut names = vec!["intercept".to_string()];
        let mut reference = BTreeMap::new();
        let mut merged = BTreeMap::new();
        let mut all_codes = Vec::new();
        let mut all_counts = Vec::new();
        for (c, cov) in covs.iter().enumerate() {
            debug_assert_eq!(cov.values.len(), fit_rows.len());
            let (levels, codes) = cov.encode();
            let mut n_of = vec![0usize; levels.len()];
            for (i, _) in fit_rows.iter().enumerate().filter(|(_, f)| **f) {
                n_of[codes[i] as usize] += 1;
            }
            // Levels seen on fitting rows, in name order (so terms come out sorted).
            let mut seen: Vec<(&str, u32, usize)> =
                levels.iter().enumerate().filter(|(k, _)| n_of[*k] > 0).map(|(k, l)| (l.as_str(), k as u32, n_of[k])).collect();
            seen.sort();
            let reference_level = match cov.coding {
                // Most frequent level; ties go to the first in sort order so runs are stable.
                Coding::Factor => seen.iter().max_by(|a, b| a.2.cmp(&b.2).then(b.0.cmp(a.0))).map(|l| l.0.to_string()),
                Coding::ZeroOneTwoPlus => Some("0".to_string()),
                Coding::Capped(_) => Some("known".to_string()),
            }
            .unwrap_or_default();
            let mut rare = Vec::new();
            for &(level, code, n) in &seen {
                if level == reference_level {
                    continue;
                }
                if n < MIN_LEVEL_ROWS {
                    rare.push(level.to_string());
                    continue;
                }
                terms.push(Term::Indicator { cov: c, level: code });
                names.push(format!("{}={}", cov.name, level));
            }
            if let Coding::Capped(cap) = cov.coding {
                terms.push(Term::Numeric { cov: c, cap });
                names.push(cov.name.clone());
            } else {
                reference.insert(cov.name.clone(), reference_level);
            }
            if !rare.is_empty() {
                merged.insert(cov.name.clone(), rare);
            }
            all_codes.push(codes);
            all_counts.push(match &cov.values {
                Values::Counts(v) => v.clone(),
                Values::Levels(_) | Values::Coded { .. } => Vec::new(),
            });
        }
        let mut design = Design { terms, codes: all_codes, counts: all_counts, names, reference, merged, dropped: Vec::new() };
        design.drop_constant(fit_rows);
        design
    }

    fn drop_constant(&mut self, fit_rows: &[bool]) {
        let fit: Vec<usize> = (0..fit_rows.len()).filter(|&i| fit_rows[i]).collect();
        // The intercept stays; any other term stays when some fitting row differs from the first.
        let varies: Vec<bool> = (0..self.terms.len())
            .map(|t| t == 0 || fit.first().is_some_and(|&i0| fit.iter().any(|&i| self.value(t, i) != self.value(t, i0))))
            .collect();
        let mut keep_terms = Vec::new();
        let mut keep_names = Vec::new();
        for ((term, name), v) in self.terms.drain(..).zip(self.names.drain(..)).zip(varies) {
            if v {
                keep_terms.push(term);
                keep_names.push(name);
            } else {
                self.dropped.push(name);
            }
        }
        self.terms = keep_terms;
        self.names = keep_names;
    }

    fn value(&self, t: usize, i: usize) -> f64 {
        match &self.terms[t] {
            Term::Intercept => 1.0,
            Term::Indicator { cov, level } => f64::from(u8::from(self.codes[*cov][i] == *level)),
            Term::Numeric { cov, cap } => self.counts[*cov][i].map_or(0.0, |n| n.clamp(0, *cap) as f64),
        }
    }

    /// The design row of row `i`.
    pub fn row(&self, i: usize) -> Vec<f64> {
        (0..self.terms.len()).map(|t| self.value(t, i)).collect()
    }

    /// Rows with identical design rows collapsed: the distinct rows, and for every input
    /// row the index of its distinct row. Fitting on the distinct rows with trials and
    /// successes summed is the same likelihood, at a fraction of the cost.
    pub fn patterns(&self, n: usize) -> (Vec<Vec<f64>>, Vec<usize>) {
        // A row's design values are fixed by one small number per covariate: which of the
        // covariate's indicator terms the row's level turns on (0 for none: the reference, a
        // merged rare level or a dropped term), and the value of its numeric term, if kept.
        // Equal numbers, equal design rows, and the other way round; so rows are grouped by
        // those few numbers instead of by their whole design row (a million rows of 40 floats
        // at 1,000,000 persons). The patterns come out in the same order: first seen, first.
        let mut slot: Vec<Vec<u64>> =
            self.codes.iter().map(|codes| vec![0; codes.iter().max().map_or(0, |&m| m as usize + 1)]).collect();
        let mut numeric: Vec<Option<i64>> = vec![None; self.codes.len()];
        for (t, term) in self.terms.iter().enumerate() {
            match *term {
                Term::Intercept => {}
                Term::Indicator { cov, level } => slot[cov][level as usize] = t as u64,
                Term::Numeric { cov, cap } => numeric[cov] = Some(cap),
            }
        }
        let mut index: HashMap<Vec<u64>, usize> = HashMap::default();
        let mut distinct = Vec::new();
        let mut of_row = Vec::with_capacity(n);
        let mut key = Vec::new();
        for i in 0..n {
            key.clear();
            for (c, codes) in self.codes.iter().enumerate() {
                key.push(slot[c][codes[i] as usize]);
                if let Some(cap) = numeric[c] {
                    key.push(self.counts[c][i].map_or(0, |v| v.clamp(0, cap)) as u64);
                }
            }
            let k = match index.get(key.as_slice()) {
                Some(&k) => k,
                None => {
                    distinct.push(self.row(i));
                    index.insert(key.clone(), distinct.len() - 1);
                    distinct.len() - 1
                }
            };
            of_row.push(k);
        }
        (distinct, of_row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(v: &[&str]) -> Values {
        Values::Levels(v.iter().map(|s| (!s.is_empty()).then(|| s.to_string())).collect())
    }

    #[test]
    fn coding_rules() {
        // 12 F, 11 M, 2 X (rare → merged into F), 1 unknown (rare → merged).
        let mut sex = vec!["F"; 12];
        sex.extend(vec!["M"; 11]);
        sex.extend(["X", "X", ""]);
        let n = sex.len();
        let chronic: Vec<Option<i64>> = (0..n).map(|i| Some(i as i64 % 8)).collect();
        let prior: Vec<Option<i64>> = (0..n).map(|i| Some(if i < 12 { 0 } else if i < 24 { 1 } else { 5 })).collect();
        let constant = vec!["Y"; n];
        let covs = vec![
            Covariate { name: "sex".into(), coding: Coding::Factor, values: levels(&sex) },
            Covariate { name: "chronic_condition_count".into(), coding: Coding::Capped(5), values: Values::Counts(chronic) },
            Covariate { name: "prior_year_ed".into(), coding: Coding::ZeroOneTwoPlus, values: Values::Counts(prior) },
            Covariate { name: "smi".into(), coding: Coding::Factor, values: levels(&constant) },
        ];
        let d = Design::learn(&covs, &vec![true; n]);
        assert_eq!(d.names, ["intercept", "sex=M", "chronic_condition_count", "prior_year_ed=1"]);
        assert_eq!(d.reference["sex"], "F");
        assert_eq!(d.merged["sex"], ["X", "unknown"]);
        assert_eq!(d.merged["prior_year_ed"], ["2+"], "2 rows of 2+ join the reference 0");
        assert!(d.dropped.is_empty(), "smi has one level: no indicator was ever made");
        // Row 7: sex F, chronic 7 → capped 5, prior 0; row 13: sex M, chronic 5, prior 1.
        assert_eq!(d.row(7), [1.0, 0.0, 5.0, 0.0]);
        assert_eq!(d.row(13), [1.0, 1.0, 5.0, 1.0]);
        // Row 24: sex X (merged into F).
        assert_eq!(d.row(24)[1], 0.0);
        let (distinct, of_row) = d.patterns(n);
        assert_eq!(of_row.len(), n);
        assert!(distinct.len() < n);
    }

    #[test]
    fn constant_terms_are_dropped_on_fit_rows_only() {
        // `cm` varies overall, but only "A" is in the fit rows' … with 10 each of A and B fit.
        let mut cm = vec!["A"; 10];
        cm.extend(vec!["B"; 10]);
        let chronic = vec![Some(2); 20];
        let covs = vec![
            Covariate { name: "cm_type".into(), coding: Coding::Factor, values: levels(&cm) },
            Covariate { name: "chronic_condition_count".into(), coding: Coding::Capped(5), values: Values::Counts(chronic) },
        ];
        let d = Design::learn(&covs, &vec![true; 20]);
        assert_eq!(d.names, ["intercept", "cm_type=B"]);
        assert_eq!(d.dropped, ["chronic_condition_count"]);
    }

    /// The patterns as the whole design rows define them, the slow way: rows grouped by the
    /// bits of every design value, in order of first appearance.
    fn patterns_by_rows(d: &Design, n: usize) -> (Vec<Vec<f64>>, Vec<usize>) {
        let mut index: HashMap<Vec<u64>, usize> = HashMap::default();
        let mut distinct = Vec::new();
        let of_row = (0..n)
            .map(|i| {
                let row = d.row(i);
                *index.entry(row.iter().map(|v| v.to_bits()).collect()).or_insert_with(|| {
                    distinct.push(row);
                    distinct.len() - 1
                })
            })
            .collect();
        (distinct, of_row)
    }

    #[test]
    fn patterns_are_the_distinct_design_rows_in_order_of_first_appearance() {
        use datafusion::arrow::array::{BooleanArray, Int64Array, StringArray};
        // 300 rows, the first 200 fitted. `region` has a rare level (merged into the
        // reference), nulls and a text "unknown" (one level); `flag` is a boolean with nulls;
        // `site` is constant on the fitting rows only (its term is dropped, yet it varies on
        // the rest); `chronic` is capped at 3 with nulls; `prior` is coded 0/1/2+.
        let n = 300;
        let region: StringArray = (0..n)
            .map(|i| match i % 17 {
                0 if i < 100 => Some("rare"),
                1 | 2 => None,
                3 => Some("unknown"),
                k if k % 3 == 0 => Some("north"),
                k if k % 3 == 1 => Some("south"),
                _ => Some("metro"),
            })
            .collect();
        let flag: BooleanArray = (0..n).map(|i| (i % 7 != 0).then_some(i % 5 < 2)).collect();
        let site: StringArray = (0..n).map(|i| Some(if i < 200 { "A" } else if i % 2 == 0 { "B" } else { "C" })).collect();
        let chronic: Int64Array = (0..n).map(|i| (i % 11 != 0).then_some((i as i64 * 7) % 6 - 1)).collect();
        let prior: Int64Array = (0..n).map(|i| (i % 13 != 0).then_some((i as i64 / 3) % 4)).collect();
        let column = |name: &str, a: &dyn Array, coding| Covariate { name: name.into(), coding, values: Values::from_array(a, coding).unwrap() };
        let covs = vec![
            column("region", &region, Coding::Factor),
            column("flag", &flag, Coding::Factor),
            column("site", &site, Coding::Factor),
            column("chronic", &chronic, Coding::Capped(3)),
            column("prior", &prior, Coding::ZeroOneTwoPlus),
        ];
        let fit_rows: Vec<bool> = (0..n).map(|i| i < 200).collect();
        let d = Design::learn(&covs, &fit_rows);
        assert_eq!(d.merged["region"], ["rare"]);
        assert!(d.dropped.is_empty(), "site has one level on the fitting rows: it never gets a term");
        assert!(!d.names.iter().any(|t| t.starts_with("site")));
        assert!(d.names.contains(&"region=unknown".to_string()), "nulls and the text unknown are one level: {:?}", d.names);
        assert_eq!(d.reference["flag"], "N");
        assert!(d.names.contains(&"flag=Y".to_string()) && d.names.contains(&"flag=unknown".to_string()), "{:?}", d.names);
        let (distinct, of_row) = d.patterns(n);
        let (expected_distinct, expected_of_row) = patterns_by_rows(&d, n);
        assert_eq!(distinct, expected_distinct);
        assert_eq!(of_row, expected_of_row);
        assert!(distinct.len() > 20 && distinct.len() < n, "{} patterns", distinct.len());

        // The same columns as level text give the same design and patterns.
        let as_levels = |a: &StringArray| Values::Levels((0..n).map(|i| a.is_valid(i).then(|| a.value(i).to_string())).collect());
        let mut text = covs.clone();
        text[0].values = as_levels(&region);
        text[1].values = Values::Levels((0..n).map(|i| flag.is_valid(i).then(|| if flag.value(i) { "Y" } else { "N" }.to_string())).collect());
        text[2].values = as_levels(&site);
        let t = Design::learn(&text, &fit_rows);
        assert_eq!((&t.names, &t.reference, &t.merged), (&d.names, &d.reference, &d.merged));
        assert_eq!(t.patterns(n), (distinct, of_row));
    }

    #[test]
    fn a_dropped_term_that_varies_off_the_fitting_rows_does_not_split_a_pattern() {
        // `cm` is A on every fitting row but B and A elsewhere (its B indicator needs fitting
        // rows, so there is none); `chronic` is 2 on every fitting row and 0–4 elsewhere: its
        // numeric term is dropped, and rows differing only in it share one pattern.
        let n = 40;
        let cm: Vec<&str> = (0..n).map(|i| if i < 20 || i % 2 == 0 { "A" } else { "B" }).collect();
        let sex: Vec<&str> = (0..n).map(|i| if i % 4 < 2 { "F" } else { "M" }).collect();
        let chronic: Vec<Option<i64>> = (0..n).map(|i| Some(if i < 20 { 2 } else { i as i64 % 5 })).collect();
        let covs = vec![
            Covariate { name: "cm_type".into(), coding: Coding::Factor, values: levels(&cm) },
            Covariate { name: "sex".into(), coding: Coding::Factor, values: levels(&sex) },
            Covariate { name: "chronic_condition_count".into(), coding: Coding::Capped(5), values: Values::Counts(chronic) },
        ];
        let fit_rows: Vec<bool> = (0..n).map(|i| i < 20).collect();
        let d = Design::learn(&covs, &fit_rows);
        assert_eq!(d.names, ["intercept", "sex=M"]);
        assert_eq!(d.dropped, ["chronic_condition_count"]);
        let (distinct, of_row) = d.patterns(n);
        assert_eq!(distinct, [vec![1.0, 0.0], vec![1.0, 1.0]]);
        assert_eq!((distinct.clone(), of_row.clone()), patterns_by_rows(&d, n));
        assert_eq!(of_row[..4], [0, 0, 1, 1]);
    }
}
