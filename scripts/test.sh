#!/usr/bin/env bash
# Every test: unit tests and the integration suite on real PostgreSQL clusters the tests start, then
# (on CI, or when CUTOVER_PG_VERSIONS is set) the core integration subset on every other supported
# PostgreSQL major version, with server binaries fetched by scripts/postgres-versions.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet test CutoverSequencer.sln -c Release "$@"

versions="${CUTOVER_PG_VERSIONS-}"
if [ -z "${CUTOVER_PG_VERSIONS+set}" ] && [ "${CI:-}" = "true" ]; then
  versions="14 16 17 18"   # 15 (Debian's) ran the whole suite above
fi
if [ -n "$versions" ]; then
  # shellcheck disable=SC2086
  bash scripts/postgres-versions.sh $versions | while read -r major bin; do
    echo "test: the core integration subset on PostgreSQL $major ($bin)"
    CUTOVER_PG_BIN="$bin" CUTOVER_PG_EXPECT_MAJOR="$major" dotnet test tests/CutoverSequencer.IntegrationTests \
      -c Release --no-build --filter "Subset=versions" --logger "console;verbosity=minimal" < /dev/null
  done
fi
