#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian/Ubuntu machine: the PostgreSQL server
# binaries (initdb, pg_ctl) and Chromium (the HTML report's checks run in a real headless browser). The .NET SDK must already be present (see global.json). With
# CUTOVER_PG_VERSIONS="14 16 17 18" it also fetches those pinned server versions into a cache folder
# (scripts/postgres-versions.sh; the test clusters take their binaries from CUTOVER_PG_BIN).
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK (dotnet) is not on PATH; install .NET 10 first" >&2
  exit 1
fi

have_postgres() {
  command -v initdb >/dev/null 2>&1 && return 0
  [ -n "${CUTOVER_PG_BIN:-}" ] && [ -x "${CUTOVER_PG_BIN}/initdb" ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if ! have_postgres; then
  echo "setup: PostgreSQL server binaries not found; installing the postgresql package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to install postgresql" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq postgresql >/dev/null
  have_postgres || { echo "setup: postgresql installed but initdb still not found" >&2; exit 1; }
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "setup: chromium not found; installing the chromium package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to install chromium" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] \
    || { echo "setup: chromium installed but still not found" >&2; exit 1; }
fi

if [ -n "${CUTOVER_PG_VERSIONS:-}" ]; then
  # shellcheck disable=SC2086
  bash "$(dirname "$0")/postgres-versions.sh" $CUTOVER_PG_VERSIONS >/dev/null
fi
