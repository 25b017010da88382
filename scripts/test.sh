#!/usr/bin/env bash
# The project's one test command (see README): unit tests, integration tests that run the
# real binary on real files, and property tests. Dev profile only: release builds are for
# benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked "$@"
