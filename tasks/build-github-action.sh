#!/usr/bin/env bash
# Packages the GitHub JavaScript action (action/node) as the tree a release publishes:
#
#   tasks/build-github-action.sh
#
#   <out>/action.yml    action/node/action.yml (runs: using: node24, main + post)
#   <out>/main.js, post.js, load-launcher.js   action/node/
#   <out>/launch.js     tasks/AwsTempCredentialsV1/launch.js: the Azure DevOps task's
#                       launcher, the one module both front ends run
#   <out>/bin/<rid>/    the executables, Brotli-packed (pack-binaries.js, as in the .vsix)
#   <out>/README.md     action/node/README.md
#
# then checks the size budget (tasks/check-action-size.sh) and prints the size.
#
# Environment:
#   AWSTC_ACTION_OUT         where the tree goes (default artifacts/github-action; emptied first)
#   AWSTC_RIDS               RIDs to build and require (default: all five)
#   AWSTC_SKIP_BINARIES=1    package the binaries already in tasks/AwsTempCredentialsV1/bin
#                            (e.g. right after tasks/build-vsix.sh built them)
#   AWSTC_BIN_DIR            where bin/<rid>/ are (default tasks/AwsTempCredentialsV1/bin)
#   AWSTC_VERSION            version stamped into the binaries when they are built here
#   AWSTC_COMPRESS=none      ship the executables uncompressed
#   AWSTC_BROTLI_QUALITY     0-11 (default 11; cached by SHA-256 as in build-vsix.sh)
#   AWSTC_MAX_ACTION_MB      the size budget (default in check-action-size.sh)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
src="$root/action/node"
bin_dir="${AWSTC_BIN_DIR:-$here/AwsTempCredentialsV1/bin}"
out="${AWSTC_ACTION_OUT:-$root/artifacts/github-action}"
read -r -a rids <<< "${AWSTC_RIDS:-linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64}"

log() { printf '==> %s\n' "$*" >&2; }

if [ "${AWSTC_SKIP_BINARIES:-0}" != 1 ]; then
  log "build binaries: ${rids[*]}"
  AWSTC_BIN_DIR="$bin_dir" "$here/build-binaries.sh" "${rids[@]}"
fi

log "stage the JavaScript action in $out"
rm -rf "$out"
mkdir -p "$out"
for f in action.yml main.js post.js load-launcher.js README.md; do cp "$src/$f" "$out/$f"; done
cp "$here/AwsTempCredentialsV1/launch.js" "$out/launch.js"
pack_args=("$bin_dir" "$out/bin" --require "$(IFS=,; echo "${rids[*]}")"
  --cache "${AWSTC_BUILD_DIR:-$root/artifacts/task-binaries}/brotli-cache" --quality "${AWSTC_BROTLI_QUALITY:-11}")
[ "${AWSTC_COMPRESS:-brotli}" = none ] && pack_args+=(--plain)
node "$here/pack-binaries.js" "${pack_args[@]}"

# Only what the action needs: nothing else may have slipped in.
unexpected="$(cd "$out" && find . -type f | grep -Ev '^\./(action\.yml|main\.js|post\.js|load-launcher\.js|launch\.js|README\.md|bin/[a-z0-9-]+/[^/]+)$' || true)"
[ -z "$unexpected" ] || { printf 'build-github-action: unexpected files:\n%s\n' "$unexpected" >&2; exit 1; }

"$here/check-action-size.sh" "$out"
echo "action: $out"
