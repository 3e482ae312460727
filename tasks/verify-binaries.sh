#!/usr/bin/env bash
# Checks the task's executables in tasks/AwsTempCredentialsV1/bin/<rid>/ as far as
# this machine allows: the file format with `file`, then a start (`--version`)
# natively, under qemu-user (Linux on another architecture) or under wine
# (Windows). macOS binaries cannot run here: their format and ad-hoc code
# signature are checked instead (check-macho-signature.js).
#
#   tasks/verify-binaries.sh [rid...]     default: every bin/<rid>/ present
#
# A start passes when the program ran its own code: exit code below 126 (126/127
# mean it could not be executed, 128+ that it died of a signal). Its output is
# shown but not judged, so this works whatever the program prints.
# Linux binaries must not need a glibc newer than AWSTC_GLIBC_MAX (default 2.28, the
# floor the README promises), checked with tasks/check-glibc.sh.
# AWSTC_VERIFY_STRICT=1 fails when a binary could not be started for want of an
# emulator (qemu-user, wine) instead of only noting it.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin_dir="${AWSTC_BIN_DIR:-$here/AwsTempCredentialsV1/bin}"
exe_name=aws-temp-credentials
strict="${AWSTC_VERIFY_STRICT:-0}"
glibc_max="${AWSTC_GLIBC_MAX:-2.28}"

if [ "$#" -gt 0 ]; then
  rids=("$@")
else
  rids=()
  for d in "$bin_dir"/*/; do [ -d "$d" ] && rids+=("$(basename "$d")"); done
fi
[ "${#rids[@]}" -gt 0 ] || { echo "verify-binaries: nothing in $bin_dir" >&2; exit 1; }

host_arch="$(uname -m)"
failures=0
summary=()

note() { summary+=("$(printf '%-12s %s' "$1" "$2")"); }
fail() { note "$1" "FAIL: $2"; failures=$((failures + 1)); }

# Runs "$@" with a time limit; prints the first lines of its output; returns its status.
try_start() {
  local out status
  out="$(timeout 120 "$@" --version 2>&1)"
  status=$?
  printf '%s\n' "$out" | head -n 3 | sed 's/^/    | /' >&2
  return "$status"
}

for rid in "${rids[@]}"; do
  exe="$exe_name"
  [ "${rid%%-*}" = win ] && exe="$exe_name.exe"
  f="$bin_dir/$rid/$exe"
  if [ ! -f "$f" ]; then fail "$rid" "missing $f"; continue; fi
  size="$(du -b "$f" | cut -f1)"
  desc="$(file -b "$f")"
  case "$rid" in
    linux-x64) want='ELF 64-bit LSB.*x86-64' ;;
    linux-arm64) want='ELF 64-bit LSB.*(ARM aarch64|aarch64)' ;;
    win-x64) want='PE32\+ executable.*x86-64' ;;
    osx-arm64) want='Mach-O 64-bit.*arm64' ;;
    osx-x64) want='Mach-O 64-bit.*x86_64' ;;
    *) want='.' ;;
  esac
  if ! printf '%s' "$desc" | grep -Eq "$want"; then fail "$rid" "unexpected format: $desc"; continue; fi
  echo "==> $rid ($size bytes): $desc" >&2
  glibc_note=''
  if [ "${rid%%-*}" = linux ]; then
    # The oldest glibc it runs on: the newest GLIBC_ symbol version it needs (tasks/check-glibc.sh).
    if ! glibc_out="$("$here/check-glibc.sh" "$f" "$glibc_max" 2>&1)"; then
      printf '%s\n' "$glibc_out" | sed 's/^/    | /' >&2
      fail "$rid" "needs a glibc newer than $glibc_max (see above)"
      continue
    fi
    glibc_note="; glibc >= $(printf '%s' "$glibc_out" | sed -n 's/.*needs glibc \([0-9.]*\).*/\1/p') (max $glibc_max)"
  fi

  runner=()
  how=''
  case "$rid" in
    linux-x64 | linux-arm64)
      target_arch=x86_64
      [ "$rid" = linux-arm64 ] && target_arch=aarch64
      if [ "$host_arch" = "$target_arch" ] && [ "$(uname -s)" = Linux ]; then
        how=native
      elif command -v "qemu-$target_arch" > /dev/null; then
        runner=("qemu-$target_arch" -L "/usr/$target_arch-linux-gnu")
        how="qemu-$target_arch"
      fi
      ;;
    win-x64)
      if command -v wine > /dev/null; then
        export WINEPREFIX="${WINEPREFIX:-${TMPDIR:-/tmp}/awstc-wineprefix}" WINEDEBUG=-all
        # First use creates the prefix; keep it quiet and headless.
        [ -d "$WINEPREFIX" ] || DISPLAY='' timeout 300 wineboot --init > /dev/null 2>&1
        runner=(env DISPLAY= wine)
        how=wine
      fi
      ;;
  esac

  if [ -z "$how" ] && [ "${rid%%-*}" = osx ]; then
    # Cannot run here; Apple silicon refuses code without a valid signature, so check the
    # SDK's ad-hoc signature statically (page hashes against the file as it is).
    macho_arch=x86_64
    [ "$rid" = osx-arm64 ] && macho_arch=arm64
    if sig="$(node "$here/check-macho-signature.js" "$f" "$macho_arch")"; then
      echo "    | $sig" >&2
      note "$rid" "format ok, $size bytes; code signature valid; not started (macOS only)"
    else
      fail "$rid" "$sig"
    fi
    continue
  fi
  if [ -z "$how" ]; then
    msg="format ok, $size bytes$glibc_note; not started (no way to run $rid here)"
    if [ "$strict" = 1 ] && [ "${rid%%-*}" != osx ]; then fail "$rid" "$msg"; else note "$rid" "$msg"; fi
    continue
  fi
  try_start "${runner[@]}" "$f"
  status=$?
  if [ "$status" -lt 126 ]; then
    note "$rid" "format ok, $size bytes$glibc_note; started ($how), exit $status"
  else
    fail "$rid" "did not start ($how): exit $status"
  fi
done

echo >&2
printf '%s\n' "${summary[@]}" >&2
[ "$failures" -eq 0 ]
