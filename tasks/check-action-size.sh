#!/usr/bin/env bash
# The size budget of the released JavaScript action (the tree tasks/build-github-action.sh
# stages): every `uses:` of a release downloads the whole tree (GitHub fetches the
# repository at that ref as a tarball), so it stays small.
#
#   tasks/check-action-size.sh <action dir>
#
# Budget (AWSTC_MAX_ACTION_MB, default 30 MiB): the sum of the files' sizes, the five
# Brotli-packed executables being nearly all of it; the same budget as the .vsix, which
# carries the same five executables. Prints each binary's packed size and the total;
# fails above the budget.
set -euo pipefail

dir="${1:?usage: check-action-size.sh <action dir>}"
max_mb="${AWSTC_MAX_ACTION_MB:-30}"
[ -f "$dir/action.yml" ] || { echo "check-action-size: $dir/action.yml is missing" >&2; exit 1; }

total=0
while IFS= read -r -d '' f; do
  size="$(stat -c %s "$f")"
  total=$((total + size))
  case "$f" in */bin/*) printf '  %-60s %10d bytes\n' "${f#"$dir"/}" "$size" >&2 ;; esac
done < <(find "$dir" -type f -print0)

printf 'action size: %d bytes (%s MiB), budget %d MiB\n' "$total" "$(awk -v s="$total" 'BEGIN { printf "%.1f", s / 1048576 }')" "$max_mb"
if [ "$total" -gt $((max_mb * 1048576)) ]; then
  echo "check-action-size: the action is larger than its budget of $max_mb MiB (AWSTC_MAX_ACTION_MB)" >&2
  exit 1
fi
