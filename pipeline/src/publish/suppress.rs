//! Small-number suppression (measures.md, "Small numbers and privacy"): one mechanism that
//! turns the analysts' result rows into the rows anything public may show.
//!
//! 1. A row with denominator under 30 shows no counts, rate, interval, expected, O/E or RSR
//!    ("too few to rate"; the provider stays listed).
//! 2. Counts are shown only when the numerator and the denominator − numerator are each 0 or
//!    at least 11. When they are hidden, expected, O/E and every interval are hidden too, and
//!    the rate (and RSR and gap) are shown rounded to a whole percent, so the counts cannot be
//!    solved for; the corrected p-value goes too, since it is a function of the counts.
//! 3. Complementary suppression: a published total equals the sum of its parts (strata of a
//!    stratifier → the stratifier's `all` row; a provider's cm_type rows → its `ALL` row; the
//!    providers → STATE). Whenever exactly one cell of such a relation is hidden, it could be
//!    recovered by subtraction, so the next-smallest published part is hidden as well, until
//!    no relation has exactly one hidden cell (unless that cell is an empty row: recovering
//!    a 0 reveals no one, and a provider listing a cm_type it has no one in is common). Parts that are not published rows (people
//!    without a birth date are in no age band; a person in two cm_types is in each type row
//!    once but in `ALL` once) form an implicit remainder, which counts as a hidden cell
//!    whenever it is itself a small number.
//!
//! 4. A type-standardized row (`adjustment` = `type`) has expected E = Σ nₜ × rateₜ over the
//!    cm_types t of its units; with the statewide rates public, E (or O/E, or the RSR beside a
//!    published O) is a linear equation in the per-type counts nₜ, and with two types it
//!    gives them back exactly. Where some nₜ is 1 to 10, E, O/E, RSR and its interval are
//!    hidden (the category, read off the unrounded interval, stays). Expected values add up
//!    like counts, so the same complementary rule (3) then applies to them.
//!
//! `suppressed` is true on every row that lost a cell for any of these reasons.

use std::collections::BTreeMap;

use crate::measures::results::{Adjustment, ResultRow, ALL, STATE};
use crate::measures::strata::ALL_STRATA;

/// Below this denominator nothing but the row's existence is published.
pub const MIN_RATE_DENOMINATOR: i64 = 30;
/// Counts from 1 to this are never published.
pub const MAX_SMALL_COUNT: i64 = 10;

/// A count that may not be shown: 1 to 10.
pub fn is_small(n: i64) -> bool {
    (1..=MAX_SMALL_COUNT).contains(&n)
}

/// Whether a row's own numerator and denominator may be shown (rules 1 and 2).
fn counts_publishable(den: i64, num: i64) -> bool {
    den >= MIN_RATE_DENOMINATOR && !is_small(num) && !is_small(den - num)
}

fn round_percent(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 100.0).round() / 100.0)
}

/// One additive relation: `total` = sum of `parts` (+ an implicit remainder).
struct Relation {
    total: usize,
    parts: Vec<usize>,
}

/// The relations among `rows` (indices), from the three additive groupings.
fn relations(rows: &[ResultRow]) -> Vec<Relation> {
    type K<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str);
    let index: BTreeMap<K, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| ((&*r.period, &*r.measure_id, &*r.provider_id, &*r.cm_type, &*r.stratifier, &*r.stratum), i))
        .collect();
    let mut groups: BTreeMap<(usize, u8), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let total = |provider: &str, cm_type: &str, stratifier: &str, stratum: &str| {
            index.get(&(&*r.period, &*r.measure_id, provider, cm_type, stratifier, stratum)).copied()
        };
        if r.stratifier != ALL_STRATA {
            // Strata of one stratifier → the unstratified row.
            if let Some(t) = total(&r.provider_id, &r.cm_type, ALL_STRATA, ALL_STRATA) {
                groups.entry((t, 0)).or_default().push(i);
            }
        } else if r.cm_type != ALL {
            // cm_type rows → the ALL row of the same provider.
            if let Some(t) = total(&r.provider_id, ALL, ALL_STRATA, ALL_STRATA) {
                groups.entry((t, 1)).or_default().push(i);
            }
        }
        if r.provider_id != STATE {
            // Providers → STATE, for every (cm_type, stratifier, stratum).
            if let Some(t) = total(STATE, &r.cm_type, &r.stratifier, &r.stratum) {
                groups.entry((t, 2 + u8::from(r.stratifier != ALL_STRATA))).or_default().push(i);
            }
        }
    }
    // Strata of different stratifiers are different relations to the same total.
    let mut out = Vec::new();
    for ((total, kind), parts) in groups {
        if kind == 0 || kind == 3 {
            let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for p in parts {
                by.entry(&rows[p].stratifier).or_default().push(p);
            }
            out.extend(by.into_values().map(|parts| Relation { total, parts }));
        } else {
            out.push(Relation { total, parts });
        }
    }
    out
}

/// The public version of `rows`: same rows, same order, with cells blanked or rounded.
pub fn suppress(rows: &[ResultRow]) -> Vec<ResultRow> {
    let den = |r: &ResultRow| r.denominator.unwrap_or(0);
    let num = |r: &ResultRow| r.numerator.unwrap_or(0);
    let mut hidden: Vec<bool> = rows.iter().map(|r| !counts_publishable(den(r), num(r))).collect();
    let relations = relations(rows);
    loop {
        let mut changed = false;
        for rel in &relations {
            let t = &rows[rel.total];
            let (rest_den, rest_num) = rel.parts.iter().fold((den(t), num(t)), |(d, n), &p| (d - den(&rows[p]), n - num(&rows[p])));
            let remainder_hidden = is_small(rest_den.abs()) || is_small(rest_num.abs()) || is_small((rest_den - rest_num).abs());
            let hidden_cells = usize::from(hidden[rel.total])
                + rel.parts.iter().filter(|&&p| hidden[p]).count()
                + usize::from(remainder_hidden);
            if hidden_cells != 1 {
                continue;
            }
            // A lone unknown that is an empty row (denominator 0) gives nothing away.
            let lone_empty = rel.parts.iter().chain([&rel.total]).any(|&p| hidden[p] && den(&rows[p]) == 0);
            if lone_empty && !remainder_hidden {
                continue;
            }
            // Hide the smallest published part (ties: first in file order), else the total.
            let pick = rel.parts.iter().copied().filter(|&p| !hidden[p]).min_by_key(|&p| (den(&rows[p]), p)).unwrap_or(rel.total);
            if !hidden[pick] {
                hidden[pick] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let type_hidden = hide_standardized_expected(rows, &relations, &hidden);
    rows.iter().zip(hidden).zip(type_hidden).map(|((r, h), t)| public_row(r, h, t)).collect()
}

/// Rules 2 and 3 for a plain table of counts where `total` = Σ `parts` exactly (the data
/// quality counts of a package: rows set aside = the sum over reasons): a count from 1 to 10
/// is hidden, and wherever exactly one cell is hidden, the smallest published non-zero part
/// (else the total) is hidden too, so no hidden count can be recovered by subtraction.
/// Returns whether the total is hidden, and which parts are.
pub fn hide_counts(total: u64, parts: &[u64]) -> (bool, Vec<bool>) {
    let small = |n: u64| is_small(n as i64);
    let mut total_hidden = small(total);
    let mut hidden: Vec<bool> = parts.iter().map(|&n| small(n)).collect();
    while usize::from(total_hidden) + hidden.iter().filter(|h| **h).count() == 1 {
        let pick = (0..parts.len()).filter(|&i| !hidden[i] && parts[i] > 0).min_by_key(|&i| (parts[i], i));
        match pick {
            Some(i) => hidden[i] = true,
            None if !total_hidden => total_hidden = true,
            // The lone hidden cell is the total, and every part is 0 or hidden: nothing to add.
            None => break,
        }
    }
    (total_hidden, hidden)
}

/// Rule 4 with its complement: the rows whose type-standardized expected (and O/E, RSR)
/// must be hidden. A row's own small per-type count hides it; then, since expected values
/// add up like counts (strata → their `all` row, providers → STATE), wherever exactly one
/// cell of a relation has its expected hidden (for this rule or because its counts are),
/// the published part with the smallest denominator loses its expected too, until no
/// relation has a single hidden expected. Units in no part (no birth date, so no age band)
/// count as a hidden cell when they are a small number, as they do for counts.
fn hide_standardized_expected(rows: &[ResultRow], relations: &[Relation], hidden: &[bool]) -> Vec<bool> {
    let has_e = |i: usize| rows[i].adjustment == Adjustment::Type && rows[i].expected.is_some();
    let mut type_hidden: Vec<bool> = (0..rows.len()).map(|i| has_e(i) && rows[i].min_type_count.is_some_and(|n| is_small(n as i64))).collect();
    loop {
        let mut changed = false;
        for rel in relations.iter().filter(|r| rows[r.total].adjustment == Adjustment::Type) {
            let cells: Vec<usize> = rel.parts.iter().copied().chain([rel.total]).filter(|&i| has_e(i)).collect();
            // As for counts, units in no part (no birth date: no age band) are a hidden
            // cell when they are a small number.
            let (t, parts) = (&rows[rel.total], &rel.parts);
            let (rd, rn) = parts.iter().fold((t.denominator.unwrap_or(0), t.numerator.unwrap_or(0)), |(d, n), &p| {
                (d - rows[p].denominator.unwrap_or(0), n - rows[p].numerator.unwrap_or(0))
            });
            let remainder_hidden = is_small(rd.abs()) || is_small(rn.abs()) || is_small((rd - rn).abs());
            let n_hidden = cells.iter().filter(|&&i| type_hidden[i] || hidden[i]).count() + usize::from(remainder_hidden);
            if n_hidden != 1 {
                continue;
            }
            let open = |i: &&usize| !type_hidden[**i] && !hidden[**i];
            let pick = rel
                .parts
                .iter()
                .filter(|i| has_e(**i))
                .filter(open)
                .min_by_key(|&&p| (rows[p].denominator.unwrap_or(0), p))
                .copied()
                .or_else(|| (has_e(rel.total) && open(&&rel.total)).then_some(rel.total));
            if let Some(p) = pick {
                type_hidden[p] = true;
                changed = true;
            }
        }
        if !changed {
            return type_hidden;
        }
    }
}

fn public_row(r: &ResultRow, hidden: bool, type_hidden: bool) -> ResultRow {
    let mut p = r.clone();
    if type_hidden {
        // Rule 4: the type-standardized expected would give back a small per-type count.
        p.suppressed = true;
        p.expected = None;
        p.oe = None;
        p.rsr = None;
        p.rsr_low = None;
        p.rsr_high = None;
    }
    if !hidden {
        return p;
    }
    p.suppressed = true;
    p.denominator = None;
    p.numerator = None;
    p.ci_low = None;
    p.ci_high = None;
    p.expected = None;
    p.oe = None;
    p.rsr_low = None;
    p.rsr_high = None;
    p.gap_p = None;
    if r.denominator.unwrap_or(0) < MIN_RATE_DENOMINATOR {
        p.rate = None;
        p.rsr = None;
        p.gap = None;
    } else {
        p.rate = round_percent(r.rate);
        p.rsr = round_percent(p.rsr);
        p.gap = round_percent(r.gap);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(provider: &str, cm_type: &str, stratifier: &str, stratum: &str, den: i64, num: i64) -> ResultRow {
        ResultRow {
            period: "2026Q2".into(),
            measure_id: "m".into(),
            provider_id: provider.into(),
            cm_type: cm_type.into(),
            stratifier: stratifier.into(),
            stratum: stratum.into(),
            denominator: Some(den),
            numerator: Some(num),
            rate: (den > 0).then(|| num as f64 / den as f64),
            ci_low: Some(0.0),
            ci_high: Some(1.0),
            ..ResultRow::default()
        }
    }

    #[test]
    fn rules_one_and_two() {
        let rows = vec![
            row("STATE", ALL, "all", "all", 29, 20),
            row("STATE", "EW", "all", "all", 40, 5),
            row("STATE", "CADI", "all", "all", 100, 0),
            row("STATE", "DD", "all", "all", 100, 93),
        ];
        let p = suppress(&rows);
        assert_eq!((p[0].denominator, p[0].rate, p[0].suppressed), (None, None, true), "under 30: nothing");
        assert_eq!((p[1].numerator, p[1].rate, p[1].ci_low), (None, Some(0.13), None), "5 of 40: rate to a whole percent");
        assert_eq!((p[2].numerator, p[2].suppressed), (Some(0), false), "0 is publishable");
        assert_eq!(p[3].denominator, None, "100 − 93 = 7 people without: hidden");
    }

    #[test]
    fn rule_four_hides_a_type_standardized_expected_beside_a_small_type() {
        // 200 units: 195 of one type and 5 of another. E = 195 r₁ + 5 r₂ with both rates
        // public gives the 5 back, so E, O/E and the standardized rate go; counts stay.
        let mut r = row("A", ALL, "all", "all", 200, 150);
        r.adjustment = crate::measures::results::Adjustment::Type;
        (r.expected, r.oe, r.rsr, r.rsr_low, r.rsr_high) = (Some(140.0), Some(1.07), Some(0.8), Some(0.7), Some(0.9));
        r.min_type_count = Some(5);
        let mut safe = r.clone();
        safe.min_type_count = Some(195);
        let p = suppress(&[r, safe]);
        assert_eq!((p[0].expected, p[0].oe, p[0].rsr, p[0].rsr_low, p[0].rsr_high), (None, None, None, None, None));
        assert_eq!((p[0].denominator, p[0].numerator, p[0].rate, p[0].suppressed), (Some(200), Some(150), Some(0.75), true));
        assert_eq!((p[1].expected, p[1].rsr, p[1].suppressed), (Some(140.0), Some(0.8), false));
    }

    #[test]
    fn a_hidden_expected_gets_a_complement() {
        // STATE = A + B (type-standardized, counts all publishable). A's expected hides a
        // small type; B's expected would give A's back as STATE − B, so B's goes too.
        let typed = |provider: &str, den: i64, num: i64, e: f64, small: bool| {
            let mut r = row(provider, ALL, "all", "all", den, num);
            r.adjustment = Adjustment::Type;
            (r.expected, r.oe, r.rsr) = (Some(e), Some(num as f64 / e), Some(0.5));
            r.min_type_count = Some(if small { 4 } else { 40 });
            r
        };
        let rows = vec![typed("A", 100, 50, 48.0, true), typed("B", 200, 90, 95.0, false), typed("STATE", 300, 140, 143.0, false)];
        let p = suppress(&rows);
        assert_eq!(p.iter().map(|r| r.expected.is_none()).collect::<Vec<_>>(), [true, true, false]);
        assert_eq!(p.iter().map(|r| r.denominator.is_some()).collect::<Vec<_>>(), [true, true, true], "counts stay");
        assert!(p[1].suppressed && p[1].rsr.is_none());
    }

    #[test]
    fn a_lone_hidden_count_in_a_plain_table_gets_a_complement() {
        // 120 rows set aside = 80 + 35 + 5: the 5 alone would be 120 − 80 − 35, so the
        // next smallest (35) goes too; the total and 80 stay.
        assert_eq!(hide_counts(120, &[80, 35, 5]), (false, vec![false, true, true]));
        // Two small parts already hide each other; zeros are never picked.
        assert_eq!(hide_counts(66, &[0, 50, 8, 8]), (false, vec![false, false, true, true]));
        // A single part equal to the total: nothing small, nothing hidden.
        assert_eq!(hide_counts(40, &[40]), (false, vec![false]));
        // A small total with one small part: both hidden already.
        assert_eq!(hide_counts(7, &[7]), (true, vec![true]));
        // One small part and no other non-zero part to hide: the total goes.
        assert_eq!(hide_counts(12, &[0, 12, 0]), (false, vec![false, false, false]));
        assert_eq!(hide_counts(9, &[0, 9]), (true, vec![false, true]));
        // A small part beside parts that are all zero: hiding the total protects it.
        assert_eq!(hide_counts(15, &[4, 11]).0, false);
        assert_eq!(hide_counts(15, &[4, 11]).1, vec![true, true]);
    }

    #[test]
    fn complementary_suppression_hides_a_second_cell() {
        // STATE 200 = A 150 + B 35 + C 15 (C too few): hiding C alone would let 15 be
        // recovered as 200 − 150 − 35, so B (the next smallest) goes too.
        let rows = vec![
            row("A", ALL, "all", "all", 150, 75),
            row("B", ALL, "all", "all", 35, 20),
            row("C", ALL, "all", "all", 15, 12),
            row("STATE", ALL, "all", "all", 200, 107),
        ];
        let p = suppress(&rows);
        assert_eq!(p.iter().map(|r| r.denominator.is_none()).collect::<Vec<_>>(), [false, true, true, false]);
        // 3 people have no birth date, so no age band: 103 − 60 − 40 would reveal them, so
        // the smallest age stratum is hidden to keep two unknowns in the relation.
        let rows = vec![
            row("STATE", ALL, "all", "all", 103, 60),
            row("STATE", ALL, "age_band", "18-44", 60, 30),
            row("STATE", ALL, "age_band", "45-64", 40, 22),
        ];
        let p = suppress(&rows);
        assert_eq!(p[1].denominator, Some(60));
        assert_eq!(p[2].denominator, None, "the remainder (3 people) alone would be recoverable; one part joins it");
    }
}
