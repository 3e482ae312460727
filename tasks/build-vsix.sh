#!/usr/bin/env bash
# Builds the Azure DevOps extension (.vsix):
#
#   tasks/build-vsix.sh
#
# 1. npm ci in tasks/ (tfx-cli, ajv: pinned by package-lock.json)
# 2. node validate-task.js (task.json and vss-extension.json)
# 3. tasks/build-binaries.sh: the executables into tasks/AwsTempCredentialsV1/bin/<rid>/
# 4. a staging copy of the extension whose binaries are Brotli-compressed (pack-binaries.js)
# 5. tfx extension create, then prints the .vsix path and size
#
# Environment:
#   AWSTC_PUBLISHER          publisher ID (default: vss-extension.json's, a placeholder)
#   AWSTC_EXTENSION_VERSION  extension version, e.g. 1.4.2; also stamped into the task's
#                            task.json (Major must stay 1: the task is AwsTempCredentials@1)
#                            and the binaries, so that agents fetch the new task
#   AWSTC_EXTENSION_ID       extension ID (default aws-temp-credentials), e.g. for a private test copy
#   AWSTC_VSIX_DIR           where the .vsix goes (default artifacts/vsix)
#   AWSTC_RIDS               RIDs to build and require (default: all five)
#   AWSTC_SKIP_BINARIES=1    package the binaries already in bin/ (still requires AWSTC_RIDS)
#   AWSTC_COMPRESS=none      ship the executables uncompressed (larger .vsix)
#   AWSTC_BROTLI_QUALITY     0-11 (default 11: smallest, minutes per binary; cached by SHA-256
#                            under artifacts/task-binaries/brotli-cache)
#   AWSTC_MAX_VSIX_MB        fail when the .vsix is larger (default 30)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
task_dir="$here/AwsTempCredentialsV1"
vsix_dir="${AWSTC_VSIX_DIR:-$root/artifacts/vsix}"
stage="${AWSTC_STAGE_DIR:-$root/artifacts/vsix-stage}"
read -r -a rids <<< "${AWSTC_RIDS:-linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64}"
max_mb="${AWSTC_MAX_VSIX_MB:-30}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build-vsix: %s\n' "$*" >&2; exit 1; }

version="${AWSTC_EXTENSION_VERSION:-}"
if [ -n "$version" ]; then
  [[ "$version" =~ ^1\.([0-9]+)\.([0-9]+)$ ]] || die "AWSTC_EXTENSION_VERSION must be 1.<minor>.<patch> (the task is @1), not '$version'"
fi

log "npm ci (tasks/)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

log "validate task.json and vss-extension.json"
node "$here/validate-task.js"

if [ "${AWSTC_SKIP_BINARIES:-0}" != 1 ]; then
  log "build binaries: ${rids[*]}"
  AWSTC_VERSION="${version:-${AWSTC_VERSION:-}}" "$here/build-binaries.sh" "${rids[@]}"
fi

log "stage the extension in $stage"
rm -rf "$stage"
mkdir -p "$stage/tasks/AwsTempCredentialsV1" "$vsix_dir"
cp "$root/vss-extension.json" "$stage/"
cp -R "$root/images" "$stage/images"
cp "$here/overview.md" "$stage/tasks/overview.md"
for f in task.json launcher.js post.js launch.js; do cp "$task_dir/$f" "$stage/tasks/AwsTempCredentialsV1/$f"; done
pack_args=("$task_dir/bin" "$stage/tasks/AwsTempCredentialsV1/bin" --require "$(IFS=,; echo "${rids[*]}")"
  --cache "${AWSTC_BUILD_DIR:-$root/artifacts/task-binaries}/brotli-cache" --quality "${AWSTC_BROTLI_QUALITY:-11}")
[ "${AWSTC_COMPRESS:-brotli}" = none ] && pack_args+=(--plain)
node "$here/pack-binaries.js" "${pack_args[@]}"

if [ -n "$version" ]; then
  # The agent caches tasks by their version: a new extension version needs a new task version.
  node -e '
    const fs = require("fs");
    const [file, v] = process.argv.slice(1);
    const task = JSON.parse(fs.readFileSync(file, "utf8"));
    const [Major, Minor, Patch] = v.split(".").map(Number);
    task.version = { Major, Minor, Patch };
    fs.writeFileSync(file, JSON.stringify(task, null, 2) + "\n");
  ' "$stage/tasks/AwsTempCredentialsV1/task.json" "$version"
fi

tfx_args=(extension create --root "$stage" --manifest-globs vss-extension.json --output-path "$vsix_dir" --no-prompt --no-color)
[ -z "${AWSTC_PUBLISHER:-}" ] || tfx_args+=(--publisher "$AWSTC_PUBLISHER")
[ -z "${AWSTC_EXTENSION_ID:-}" ] || tfx_args+=(--extension-id "$AWSTC_EXTENSION_ID")
[ -z "$version" ] || tfx_args+=(--override "{\"version\": \"$version\"}")

log "tfx ${tfx_args[*]}"
tfx_out="$(cd "$here" && npx --no-install tfx "${tfx_args[@]}" 2>&1 | grep -v 'Unknown user config')" || {
  printf '%s\n' "$tfx_out" >&2
  die "tfx extension create failed"
}
printf '%s\n' "$tfx_out" >&2
vsix="$(printf '%s\n' "$tfx_out" | sed -n 's/^ *- VSIX: //p' | tail -n1)"
[ -n "$vsix" ] && [ -f "$vsix" ] || die "tfx did not say where the .vsix is"

size="$(stat -c %s "$vsix")"
echo "vsix: $vsix"
echo "size: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB)"
if [ "$size" -gt $((max_mb * 1048576)) ]; then
  die "the .vsix is larger than $max_mb MiB (AWSTC_MAX_VSIX_MB)"
fi
