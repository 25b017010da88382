#!/usr/bin/env bash
# Regenerates the R reference fixtures of the risk models (tests/reference/r/ and
# r_reference.json). Needs R with brglm2 and jsonlite (Debian: r-base-core r-cran-brglm2
# r-cran-jsonlite) and a Rust toolchain; the tests that read the fixtures need neither R nor
# this script. Run from anywhere; deterministic for a given R and casecard version.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! Rscript -e 'library(brglm2); library(jsonlite)' >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq r-base-core r-cran-brglm2 r-cran-jsonlite >/dev/null
fi
rm -rf tests/reference/r
mkdir -p tests/reference/r
Rscript tests/reference/make_synthetic_designs.R

# The designs the pipeline builds for the four measures whose models gave up under spec v1
# (on 5,400 persons, every period), and ed-visit, whose model fits by maximum likelihood.
# CASECARD=path/to/casecard uses that binary instead of building one with cargo.
casecard() {
  if [ -n "${CASECARD:-}" ]; then "$CASECARD" "$@"; else cargo run --quiet --locked -- "$@"; fi
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
casecard generate --seed 11 --persons 5400 --out "$work/in" >/dev/null
CASECARD_MODEL_DATA="$work/models" casecard run --input "$work/in" --out "$work/out" >/dev/null
for m in fuh-7 fuh-30 psych-readmit-30 nf-admission ed-visit; do
  cp "$work/models/$m-2026Q2.csv" "tests/reference/r/generated-$m-2026Q2.csv"
done
# A design on which plain Fisher scoring overshoots the Firth maximum back and forth (the
# penalty bends the likelihood more than the Fisher information says): step halving must
# settle it (fuh-30, 2025Q2, on 20,000 persons).
casecard generate --seed 7 --persons 20000 --out "$work/in20k" >/dev/null
CASECARD_MODEL_DATA="$work/models20k" casecard run --input "$work/in20k" --out "$work/out20k" >/dev/null
cp "$work/models20k/fuh-30-2025Q2.csv" "tests/reference/r/generated-20k-fuh-30-2025Q2.csv"
Rscript tests/reference/make_r_reference.R
