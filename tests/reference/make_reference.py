#!/usr/bin/env python3
"""Generate the independent reference data and values for casecard's statistics tests.

Run from the repository root:

    python3 tests/reference/make_reference.py

It (a) writes the synthetic data files logit_data.csv and separation_data.csv, and (b) computes
reference values with statsmodels / scipy and writes logit_reference.json and intervals.json.
Everything is deterministic (fixed seed); with the pinned versions in requirements.txt the
output is byte-identical from run to run.

The covariate coding follows /work/shared/spec/measures.md, "Risk adjustment", and is
implemented here from scratch (no code shared with the Rust pipeline):

* chronic_condition_count: one numeric term, min(n, 5);
* prior_year_inpatient, prior_year_ed: levels "0", "1", "2+" (2+ = 2 or more); indicators for
  "1" and "2+" against the reference "0";
* every other covariate (age_band, sex, the Y/N flags with empty as the level "unknown",
  cm_type): indicators against its most frequent level;
* a level with fewer than 10 rows in the whole data set is merged into that covariate's
  reference level (for prior_year_* the reference is "0");
* a column that is constant after this is dropped; an intercept is included.
"""

import csv
import json
import math
import os
import sys
import warnings
from decimal import Decimal, getcontext

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy.stats import chi2, norm
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240611
N_ROWS = 3000
MIN_LEVEL_ROWS = 10  # levels with fewer rows than this are merged into the reference

Z95 = 1.959963984540054
Z998 = 3.090232306167813

COLUMNS = [
    "y", "age_band", "sex", "dual_eligible", "homeless", "smi", "sud",
    "chronic_condition_count", "prior_year_inpatient", "prior_year_ed", "cm_type",
]
# Covariates in the order their terms are listed.
CATEGORICAL = ["age_band", "sex", "dual_eligible", "homeless", "smi", "sud"]
FLAGS = ["dual_eligible", "homeless", "smi", "sud"]
PRIOR = ["prior_year_inpatient", "prior_year_ed"]
AGE_BANDS = ["0-17", "18-44", "45-64", "65-74", "75+"]


# --------------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------------

def force_rare(rng, values, level, count, eligible_mask=None):
    """Set exactly `count` randomly chosen rows to `level` (rows already at `level` are reset
    first to the caller-provided fallback in `values`), so rare-level counts are exact."""
    idx = np.flatnonzero(eligible_mask) if eligible_mask is not None else np.arange(len(values))
    chosen = rng.choice(idx, size=count, replace=False)
    values[chosen] = level
    return values


def make_logit_data(rng):
    n = N_ROWS
    age = rng.choice(AGE_BANDS, size=n, p=[0.14, 0.36, 0.30, 0.12, 0.08]).astype(object)
    # sex: F and M common, U (recorded unknown) ~3%, X exactly 6 rows (< 10, so merged).
    sex = rng.choice(["F", "M", "U"], size=n, p=[0.53, 0.44, 0.03]).astype(object)
    sex = force_rare(rng, sex, "X", 6)

    def flag(p_yes, p_unknown):
        return rng.choice(["Y", "N", ""], size=n,
                          p=[p_yes, 1 - p_yes - p_unknown, p_unknown]).astype(object)

    dual = flag(0.30, 0.04)
    smi = flag(0.22, 0.03)
    # sud: unknown exactly 8 rows (< 10, merged into N); Y common.
    sud = rng.choice(["Y", "N"], size=n, p=[0.16, 0.84]).astype(object)
    sud = force_rare(rng, sud, "", 8)
    # homeless: Y exactly 7 rows and unknown exactly 5 rows -> both merged into N ->
    # the covariate is constant after merging and contributes no term.
    homeless = np.full(n, "N", dtype=object)
    chosen = rng.choice(n, size=12, replace=False)
    homeless[chosen[:7]] = "Y"
    homeless[chosen[7:]] = ""

    ccc = np.minimum(rng.poisson(1.8, size=n), 8)
    # make sure the tail above the cap is present
    ccc[rng.choice(n, size=15, replace=False)] = rng.integers(6, 9, size=15)

    inpatient = rng.choice([0, 1, 2, 3, 4], size=n, p=[0.74, 0.15, 0.06, 0.03, 0.02])
    ed = rng.choice([0, 1, 2, 3, 4], size=n, p=[0.55, 0.24, 0.11, 0.06, 0.04])

    # cm_type: DD exactly 7 rows (< 10, merged into the reference AMH-TCM).
    cm = rng.choice(["AMH-TCM", "CADI", "EW"], size=n, p=[0.46, 0.31, 0.23]).astype(object)
    cm = force_rare(rng, cm, "DD", 7)

    # True logistic model with a handful of real effects.
    age_eff = {"0-17": -0.40, "18-44": 0.0, "45-64": 0.30, "65-74": 0.55, "75+": 0.80}
    eta = np.full(n, -2.2)
    eta += np.array([age_eff[a] for a in age])
    eta += np.where(sex == "M", 0.25, 0.0)
    eta += np.where(dual == "Y", 0.35, 0.0)
    eta += np.where(smi == "Y", 0.60, 0.0)
    eta += np.where(sud == "Y", 0.70, 0.0)
    eta += 0.22 * np.minimum(ccc, 5)
    eta += np.where(inpatient == 1, 0.50, np.where(inpatient >= 2, 0.95, 0.0))
    eta += np.where(ed == 1, 0.30, np.where(ed >= 2, 0.65, 0.0))
    eta += np.where(cm == "CADI", -0.35, np.where(cm == "EW", 0.25, 0.0))
    p = 1.0 / (1.0 + np.exp(-eta))
    y = (rng.random(n) < p).astype(int)

    return pd.DataFrame({
        "y": y, "age_band": age, "sex": sex, "dual_eligible": dual, "homeless": homeless,
        "smi": smi, "sud": sud, "chronic_condition_count": ccc,
        "prior_year_inpatient": inpatient, "prior_year_ed": ed, "cm_type": cm,
    })[COLUMNS]


def make_separation_data(rng):
    """Small data set in which smi=Y perfectly predicts y=1 (quasi-complete separation:
    every smi=Y row has y=1, and smi=N rows have both outcomes)."""
    n = 120
    age = rng.choice(["18-44", "45-64", "65-74"], size=n, p=[0.5, 0.35, 0.15]).astype(object)
    sex = rng.choice(["F", "M"], size=n, p=[0.55, 0.45]).astype(object)
    dual = rng.choice(["Y", "N"], size=n, p=[0.3, 0.7]).astype(object)
    homeless = np.full(n, "N", dtype=object)
    smi = np.full(n, "N", dtype=object)
    smi[rng.choice(n, size=25, replace=False)] = "Y"
    sud = rng.choice(["Y", "N"], size=n, p=[0.2, 0.8]).astype(object)
    ccc = np.minimum(rng.poisson(1.5, size=n), 8)
    inpatient = rng.choice([0, 1, 2], size=n, p=[0.7, 0.2, 0.1])
    ed = rng.choice([0, 1, 2], size=n, p=[0.6, 0.25, 0.15])
    cm = rng.choice(["AMH-TCM", "CADI"], size=n, p=[0.6, 0.4]).astype(object)
    eta = -1.0 + 0.2 * np.minimum(ccc, 5) + np.where(dual == "Y", 0.4, 0.0)
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(int)
    y[smi == "Y"] = 1
    return pd.DataFrame({
        "y": y, "age_band": age, "sex": sex, "dual_eligible": dual, "homeless": homeless,
        "smi": smi, "sud": sud, "chronic_condition_count": ccc,
        "prior_year_inpatient": inpatient, "prior_year_ed": ed, "cm_type": cm,
    })[COLUMNS]


def write_csv(df, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in df.itertuples(index=False):
            w.writerow([str(v) for v in row])


# --------------------------------------------------------------------------------------------
# Coding (independent implementation of the spec's rules)
# --------------------------------------------------------------------------------------------

def read_csv_as_strings(path):
    """Read back the CSV as plain strings (empty stays ""), so the coding works on exactly what
    the Rust side reads."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows


def level_of(covariate, raw):
    if covariate in FLAGS:
        return "unknown" if raw == "" else raw
    if covariate in PRIOR:
        k = int(raw)
        return "0" if k == 0 else ("1" if k == 1 else "2+")
    return raw


def code_design(rows):
    """Return (X matrix, term names, reference_levels, merged_levels, dropped)."""
    n = len(rows)
    y = np.array([int(r["y"]) for r in rows], dtype=float)
    names = ["intercept"]
    cols = [np.ones(n)]
    reference_levels = {}
    merged_levels = {}
    dropped = []

    def add_factor(cov):
        levels = [level_of(cov, r[cov]) for r in rows]
        counts = {}
        for lv in levels:
            counts[lv] = counts.get(lv, 0) + 1
        if cov in PRIOR:
            ref = "0"
            order = [lv for lv in ["1", "2+"] if lv in counts]
        else:
            top = max(counts.values())
            tops = sorted(lv for lv, c in counts.items() if c == top)
            if len(tops) > 1:
                raise SystemExit(f"tie for most frequent level of {cov}: {tops}")
            ref = tops[0]
            order = sorted(lv for lv in counts if lv != ref)
        merged = [lv for lv in order if counts[lv] < MIN_LEVEL_ROWS]
        kept = [lv for lv in order if counts[lv] >= MIN_LEVEL_ROWS]
        reference_levels[cov] = ref
        merged_levels[cov] = merged
        added = 0
        for lv in kept:
            col = np.array([1.0 if l == lv else 0.0 for l in levels])
            if np.all(col == col[0]):
                continue
            names.append(f"{cov}={lv}")
            cols.append(col)
            added += 1
        if added == 0:
            dropped.append(cov)

    for cov in CATEGORICAL:
        add_factor(cov)
    ccc = np.array([min(int(r["chronic_condition_count"]), 5) for r in rows], dtype=float)
    if np.all(ccc == ccc[0]):
        dropped.append("chronic_condition_count")
    else:
        names.append("chronic_condition_count")
        cols.append(ccc)
    for cov in PRIOR:
        add_factor(cov)
    add_factor("cm_type")

    X = np.column_stack(cols)
    return y, X, names, reference_levels, merged_levels, dropped


# --------------------------------------------------------------------------------------------
# Fits
# --------------------------------------------------------------------------------------------

def fit_logit(y, X, maxiter=100):
    """statsmodels Logit, Newton-Raphson from beta = 0, tol 1e-12 on max |delta beta|.
    Returns (result, list of warning messages)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = sm.Logit(y, X).fit(method="newton", tol=1e-12, maxiter=maxiter, disp=0)
    msgs = []
    for w in caught:
        m = f"{w.category.__name__}: {w.message}"
        if m not in msgs:
            msgs.append(m)
    return res, msgs


def logit_reference(data_path, sep_path):
    rows = read_csv_as_strings(data_path)
    y, X, names, ref_levels, merged, dropped = code_design(rows)
    res, msgs = fit_logit(y, X)
    if not res.mle_retvals["converged"] or msgs:
        raise SystemExit(f"main fit did not converge cleanly: {msgs}")

    # Independent cross-check: GLM Binomial (IRLS) must agree.
    glm = sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=100)
    assert np.max(np.abs(glm.params - res.params)) < 1e-9, "Logit and GLM disagree"
    pred = res.predict(X)
    pred_glm = glm.predict(X)
    assert np.max(np.abs(pred - pred_glm)) < 1e-12
    # Score at the solution is ~0.
    assert np.max(np.abs(X.T @ (y - pred))) < 1e-8

    # Separation case.
    sep_rows = read_csv_as_strings(sep_path)
    sy, sX, snames, sref, smerged, sdropped = code_design(sep_rows)
    sep_fits = {}
    for maxiter in (25, 100):
        sres, smsgs = fit_logit(sy, sX, maxiter=maxiter)
        sep_fits[maxiter] = (sres, smsgs)
    sres25, smsgs25 = sep_fits[25]
    sres100, smsgs100 = sep_fits[100]
    smi_idx = snames.index("smi=Y")
    n_smi_y = int(sum(1 for r in sep_rows if r["smi"] == "Y"))
    n_smi_y_y1 = int(sum(1 for r in sep_rows if r["smi"] == "Y" and r["y"] == "1"))
    assert n_smi_y == n_smi_y_y1 >= MIN_LEVEL_ROWS

    def msg_text(msgs, res):
        if msgs:
            return " | ".join(msgs)
        return "no warning raised; converged=%s" % res.mle_retvals["converged"]

    separation = {
        "statsmodels": msg_text(smsgs100, sres100),
        "data": "separation_data.csv",
        "separating_term": "smi=Y",
        "rows": len(sep_rows),
        "smi_Y_rows": n_smi_y,
        "smi_Y_rows_with_y1": n_smi_y_y1,
        "terms": snames,
        "reference_levels": sref,
        "merged_levels": smerged,
        "dropped_covariates": sdropped,
        "fit_maxiter_25": {
            "converged": bool(sres25.mle_retvals["converged"]),
            "iterations": int(sres25.mle_retvals["iterations"]),
            "coef_smi=Y": float(sres25.params[smi_idx]),
            "warnings": smsgs25,
        },
        "fit_maxiter_100": {
            "converged": bool(sres100.mle_retvals["converged"]),
            "iterations": int(sres100.mle_retvals["iterations"]),
            "coef_smi=Y": float(sres100.params[smi_idx]),
            "warnings": smsgs100,
        },
        "expected_outcome": "fit reported as failed (separation / no convergence); "
                            "measure published unadjusted with a note",
    }

    out = {
        "description": "statsmodels Logit fit of logit_data.csv with the spec's coding; "
                       "see README.md",
        "data": "logit_data.csv",
        "rows": len(rows),
        "fit": "statsmodels.discrete.discrete_model.Logit.fit(method='newton', tol=1e-12, "
               "maxiter=100), start beta = 0; iterations = Newton steps until "
               "max|delta beta| <= 1e-12",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                     "pandas": pd.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "terms": {nm: float(b) for nm, b in zip(names, res.params)},
        "term_order": names,
        "std_errors": {nm: float(s) for nm, s in zip(names, res.bse)},
        "reference_levels": ref_levels,
        "merged_levels": merged,
        "dropped_covariates": dropped,
        "predicted": [float(v) for v in pred],
        "expected_total": float(np.sum(pred)),
        "observed_total": int(np.sum(y)),
        "iterations": int(res.mle_retvals["iterations"]),
        "converged": bool(res.mle_retvals["converged"]),
        "llf": float(res.llf),
        "llnull": float(res.llnull),
        "separation": separation,
    }
    return out


# --------------------------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------------------------

def wilson_decimal(x, n, z=Z95):
    """Wilson score interval in 50-digit decimal arithmetic (independent check only)."""
    getcontext().prec = 50
    x, n, z = Decimal(x), Decimal(n), Decimal(repr(z))
    p = x / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * (p * (1 - p) / n + z2 / (4 * n * n)).sqrt() / denom
    return float(centre - half), float(centre + half)


# Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
# methods. Statistics in Medicine 1998;17:857-872. Table I, method 3 (Wilson score interval
# without continuity correction), 95%, limits to 4 decimal places.
NEWCOMBE_TABLE_I = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]

WILSON_PAIRS = [
    (0, 1), (1, 1), (0, 20), (20, 20), (1, 29), (5, 30), (29, 30), (15, 30),
    (15, 148), (81, 263), (50, 100), (300, 1000), (12345, 50000), (3, 100000),
]

BYAR_PAIRS = [
    (0, 2.5), (0, 0.4), (1, 0.8), (1, 3.0), (2, 3.1), (5, 4.2), (10, 12.5), (25, 18.3),
    (50, 61.7), (100, 90.0), (100, 120.0), (1000, 950.2), (1000, 1000.0),
]

FUNNEL_PAIRS = [
    (0.05, 10), (0.05, 30), (0.05, 1000), (0.2, 1), (0.2, 30), (0.2, 100), (0.2, 10000),
    (0.5, 30), (0.5, 400), (0.93, 30), (0.93, 250), (0.93, 5000),
]


def byar(o, e, z):
    if o == 0:
        low = 0.0
    else:
        low = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3 / e
    o1 = o + 1
    high = o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3 / e
    return low, high


def exact_poisson(o, e):
    low = 0.0 if o == 0 else float(chi2.ppf(0.025, 2 * o)) / 2 / e
    high = float(chi2.ppf(0.975, 2 * o + 2)) / 2 / e
    return low, high


def intervals_reference():
    assert float(norm.ppf(0.975)) == Z95, norm.ppf(0.975)
    assert float(norm.ppf(0.999)) == Z998, norm.ppf(0.999)

    wilson = []
    for x, n in WILSON_PAIRS:
        low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
        low, high = float(low), float(high)
        dl, dh = wilson_decimal(x, n)
        assert abs(low - dl) < 1e-14 and abs(high - dh) < 1e-14, (x, n, low, high, dl, dh)
        wilson.append({"x": x, "n": n, "low": low, "high": high, "source": "statsmodels"})
    for x, n, lo, hi in NEWCOMBE_TABLE_I:
        sl, sh = proportion_confint(x, n, alpha=0.05, method="wilson")
        assert round(float(sl), 4) == lo and round(float(sh), 4) == hi, (x, n, sl, sh)
        wilson.append({"x": x, "n": n, "low": lo, "high": hi, "decimals": 4,
                       "source": "Newcombe 1998 Table I"})

    byar_rows = []
    for o, e in BYAR_PAIRS:
        low, high = byar(o, e, Z95)
        elow, ehigh = exact_poisson(o, e)
        byar_rows.append({"observed": o, "expected": e, "z": Z95, "low": low, "high": high,
                          "exact_low": elow, "exact_high": ehigh,
                          "source": "Byar formula (this script); exact = chi-square "
                                    "Poisson limits (scipy)"})
    # Published worked example: the `byar` Ruby gem 1.0.0 documentation
    # (https://www.rubydoc.info/gems/byar/1.0.0/Byar) gives, for observed 100 and expected 90
    # with z = 1.96: Byar.upper(100, 90) = 1.3514260807978444, lower(90) = 0.9040199067337297.
    gem_low, gem_high = 0.9040199067337297, 1.3514260807978444
    low, high = byar(100, 90.0, 1.96)
    assert abs(low - gem_low) < 1e-12 and abs(high - gem_high) < 1e-12, (low, high)
    elow, ehigh = exact_poisson(100, 90.0)
    byar_rows.append({"observed": 100, "expected": 90.0, "z": 1.96, "low": gem_low,
                      "high": gem_high, "exact_low": elow, "exact_high": ehigh,
                      "source": "byar Ruby gem 1.0.0 documentation, class Byar example "
                                "(https://www.rubydoc.info/gems/byar/1.0.0/Byar); z = 1.96"})

    funnel = []
    for p0, n in FUNNEL_PAIRS:
        row = {"p0": p0, "n": n}
        for tag, z in (("95", Z95), ("998", Z998)):
            half = z * math.sqrt(p0 * (1 - p0) / n)
            row["low" + tag] = max(0.0, p0 - half)
            row["high" + tag] = min(1.0, p0 + half)
        funnel.append(row)

    return {
        "description": "Reference interval values for casecard; see README.md",
        "z95": Z95,
        "z998": Z998,
        "z998_check": "scipy.stats.norm.ppf(0.999) == %r" % float(norm.ppf(0.999)),
        "wilson": wilson,
        "byar": byar_rows,
        "funnel": funnel,
    }


# --------------------------------------------------------------------------------------------

def write_json(obj, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")


def main():
    rng = np.random.default_rng(SEED)
    data_path = os.path.join(HERE, "logit_data.csv")
    sep_path = os.path.join(HERE, "separation_data.csv")
    write_csv(make_logit_data(rng), data_path)
    write_csv(make_separation_data(rng), sep_path)

    write_json(logit_reference(data_path, sep_path), os.path.join(HERE, "logit_reference.json"))
    write_json(intervals_reference(), os.path.join(HERE, "intervals.json"))

    # Read back and sanity-check what was written.
    for name in ("logit_reference.json", "intervals.json"):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            json.load(f)
    print("wrote", ", ".join(["logit_data.csv", "separation_data.csv",
                              "logit_reference.json", "intervals.json"]))


if __name__ == "__main__":
    main()
