#!/usr/bin/env bash
# Installs what tests/e2e/check-site.mjs needs: Debian's Chromium and the pinned npm
# packages of tests/e2e. Safe to run again: it only does what is missing or stale.
#
#   bash scripts/setup-e2e.sh
#
# Needs node (20.19 or later) and npm. Playwright's own browser download is never used:
# the machines reach only package registries, so the browser comes from apt.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="$repo/tests/e2e"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

say() { echo "setup-e2e: $*"; }

# --- Chromium ------------------------------------------------------------------------
if [ -x "$chromium" ]; then
  say "chromium present: $chromium"
else
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    say "error: $chromium is missing, and installing it needs root or sudo" >&2
    exit 1
  fi
  # The fonts are named so screenshots look the same on every machine; `env` because
  # sudo drops the caller's environment.
  say "installing Debian packages chromium fonts-dejavu-core fonts-liberation (apt-get update first)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core fonts-liberation
  if [ ! -x "$chromium" ]; then
    say "error: apt-get installed chromium but $chromium is not there" >&2
    exit 1
  fi
fi
# `chromium --version` goes through Debian's wrapper script, which is enough to show the
# binary starts at all.
say "$("$chromium" --version 2>/dev/null || echo "chromium at $chromium")"

# --- npm packages --------------------------------------------------------------------
command -v npm >/dev/null 2>&1 || { say "error: npm is not installed" >&2; exit 1; }
# `-nt` is true when node_modules is missing, or when the lock file changed after the
# last install (npm ci recreates node_modules, so its time stamp is the install time).
if [ "$e2e/package-lock.json" -nt "$e2e/node_modules" ]; then
  say "npm ci in tests/e2e (node_modules missing or older than package-lock.json)"
  (cd "$e2e" && npm ci --no-audit --no-fund)
  touch "$e2e/node_modules"
else
  say "tests/e2e/node_modules is up to date"
fi
say "ready: node tests/e2e/check-site.mjs --site DIR ..."
