#!/usr/bin/env bash
# Builds the release: one self-contained archive per runtime (no .NET install needed on the host), the .NET
# tool package, and SHA256SUMS over all of them.
#
#   bash scripts/release.sh [--out DIR] [RID ...]      (default RIDs: linux-x64 linux-arm64 osx-arm64 win-x64)
#
# linux-x64 is published as today (bench/run.sh, README): the runtime, the libraries and the tool precompiled
# as one composite ReadyToRun image. The other runtimes are precompiled per assembly (ReadyToRun, not
# composite). Each archive holds cutover-sequencer-<version>-<rid>/ with the binary and the bundled sample:
# .tar.gz for Linux and macOS, .zip for Windows.
#
# Each runtime needs its runtime and host packs (Microsoft.NETCore.App.Runtime.<rid>,
# Microsoft.NETCore.App.Host.<rid>) from the NuGet sources this machine uses. A runtime whose packs cannot be
# restored is reported by name and skipped; the others are still built, and the script then exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
rids=()
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "release: unknown option $1" >&2; exit 2 ;;
    *) rids+=("$1"); shift ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 osx-arm64 win-x64)

project=src/CutoverSequencer.Cli
version=$(dotnet msbuild "$project" -getProperty:Version -p:Configuration=Release)
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
built=()

archive() { # archive DIR NAME RID
  local dir=$1 name=$2 rid=$3
  case $rid in
    win-*)
      rm -f "$out/$name.zip"
      if command -v zip >/dev/null 2>&1; then
        (cd "$dir/.." && zip -qr "$out/$name.zip" "$name")
      else
        (cd "$dir/.." && python3 -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", ".", sys.argv[2])' \
          "$out/$name" "$name")
      fi
      echo "$name.zip" ;;
    *)
      tar -C "$dir/.." -czf "$out/$name.tar.gz" "$name"
      echo "$name.tar.gz" ;;
  esac
}

for rid in "${rids[@]}"; do
  name=cutover-sequencer-$version-$rid
  echo "release: $rid" >&2
  # Composite image for linux-x64 only (the project's default for a runtime); per assembly elsewhere.
  extra=()
  [ "$rid" = linux-x64 ] || extra=(-p:PublishReadyToRunComposite=false)
  if ! dotnet restore "$project" -r "$rid" "${extra[@]}" --nologo -v q \
      > "$work/$rid.restore.log" 2>&1; then
    echo "release: $rid skipped: its runtime packs (Microsoft.NETCore.App.Runtime.$rid," \
      "Microsoft.NETCore.App.Host.$rid) could not be restored from the NuGet sources:" >&2
    grep -E "error" "$work/$rid.restore.log" | sed 's/^/  /' | head -5 >&2 || true
    failed+=("$rid")
    continue
  fi
  if ! dotnet publish "$project" -c Release -r "$rid" "${extra[@]}" --no-restore -o "$work/$name" --nologo -v q \
      > "$work/$rid.publish.log" 2>&1; then
    echo "release: $rid failed to publish:" >&2
    tail -20 "$work/$rid.publish.log" | sed 's/^/  /' >&2
    failed+=("$rid")
    continue
  fi
  rm -f "$work/$name"/*.pdb
  built+=("$(archive "$work/$name" "$name" "$rid")")
done

# The .NET tool package (framework-dependent: dotnet tool install cutover-sequencer --add-source DIR).
if dotnet pack "$project" -c Release -o "$work/tool" --nologo -v q > "$work/pack.log" 2>&1; then
  cp "$work/tool/cutover-sequencer.$version.nupkg" "$out/"
  built+=("cutover-sequencer.$version.nupkg")
else
  echo "release: the tool package failed:" >&2
  tail -20 "$work/pack.log" | sed 's/^/  /' >&2
  failed+=(tool-package)
fi

if [ ${#built[@]} -gt 0 ]; then
  (cd "$out" && sha256sum "${built[@]}" > SHA256SUMS)
fi
echo "release: $version in $out:" >&2
for file in "${built[@]}"; do echo "  $file" >&2; done
echo "  SHA256SUMS" >&2
if [ ${#failed[@]} -gt 0 ]; then
  echo "release: not built: ${failed[*]}" >&2
  exit 1
fi
