#!/usr/bin/env bash
# The size budget of the released JavaScript action (the tree tasks/build-github-action.sh
# stages): every `uses:` of a release downloads the whole tree (GitHub fetches the
# repository at that ref as a tarball), so it stays small.
#
#   tasks/check-action-size.sh <action dir>
#
# Checks that the tree holds an executable for every platform the action supports
# (AWSTC_RIDS, default the five: linux-x64, linux-arm64, win-x64, osx-arm64, osx-x64;
# packed <exe>.br or plain), so that a release missing one (linux-arm64, say) cannot pass
# as small. Budget (AWSTC_MAX_ACTION_MB, default 30 MiB): the sum of all the files' sizes,
# the five Brotli-packed executables being nearly all of it; the same budget as the .vsix,
# which carries the same five executables. Prints each platform's executable size and the
# total; fails above the budget.
set -euo pipefail

dir="${1:?usage: check-action-size.sh <action dir>}"
max_mb="${AWSTC_MAX_ACTION_MB:-30}"
read -r -a rids <<< "${AWSTC_RIDS:-linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64}"
[ -f "$dir/action.yml" ] || { echo "check-action-size: $dir/action.yml is missing" >&2; exit 1; }

mib() { awk -v s="$1" 'BEGIN { printf "%.1f", s / 1048576 }'; }

missing=()
for rid in "${rids[@]}"; do
  exe=aws-temp-credentials
  case "$rid" in win-*) exe=aws-temp-credentials.exe ;; esac
  found=""
  for f in "$dir/bin/$rid/$exe.br" "$dir/bin/$rid/$exe"; do
    if [ -f "$f" ]; then found="$f"; break; fi
  done
  if [ -z "$found" ]; then missing+=("$rid"); continue; fi
  size="$(stat -c %s "$found")"
  printf '  %-12s %-32s %10d bytes (%s MiB)\n' "$rid" "${found##*/}" "$size" "$(mib "$size")" >&2
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "check-action-size: no executable for ${missing[*]} under $dir/bin: the action would fail on those runners" >&2
  exit 1
fi

total=0
while IFS= read -r -d '' f; do
  total=$((total + $(stat -c %s "$f")))
done < <(find "$dir" -type f -print0)

printf 'action size: %d bytes (%s MiB) for %s, budget %d MiB\n' "$total" "$(mib "$total")" "${rids[*]}" "$max_mb"
if [ "$total" -gt $((max_mb * 1048576)) ]; then
  echo "check-action-size: the action is larger than its budget of $max_mb MiB (AWSTC_MAX_ACTION_MB)" >&2
  exit 1
fi
