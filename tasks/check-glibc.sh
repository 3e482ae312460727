#!/usr/bin/env bash
# Fails when a Linux executable needs a newer glibc than a given release.
#
#   tasks/check-glibc.sh <binary> [max-version]      max-version default: $AWSTC_GLIBC_MAX or 2.28
#
# The dynamic loader refuses to start a program that asks for a symbol version
# (GLIBC_x.y, in the ELF version-needs section) the system's libc does not have, so
# the highest GLIBC_ version there is the oldest glibc the program runs on. Prints
# that version; on failure also the symbols that need more than max-version.
set -euo pipefail

bin="${1:?usage: check-glibc.sh <binary> [max-version]}"
max="${2:-${AWSTC_GLIBC_MAX:-2.28}}"
[ -f "$bin" ] || { echo "check-glibc: no such file: $bin" >&2; exit 2; }
command -v readelf > /dev/null || { echo "check-glibc: readelf (binutils) is needed" >&2; exit 2; }

# True when version $1 is newer than version $2.
newer() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n1)" = "$1" ]; }

versions="$(readelf -W --version-info "$bin" | grep -o 'Name: GLIBC_[0-9][0-9.]*' | sed 's/^Name: GLIBC_//' | sort -uV)"
if [ -z "$versions" ]; then
  echo "check-glibc: $bin asks for no GLIBC_ symbol versions (static, musl or not ELF?)" >&2
  exit 1
fi
highest="$(printf '%s\n' "$versions" | tail -n1)"

if newer "$highest" "$max"; then
  echo "check-glibc: $bin needs glibc $highest, more than the $max it must run on; symbols:" >&2
  for v in $versions; do
    newer "$v" "$max" || continue
    readelf -W --dyn-syms "$bin" | awk -v tag="@GLIBC_$v" 'index($8, tag) { print "  " $8 }' >&2
  done
  exit 1
fi
echo "$bin: needs glibc $highest (<= $max)"
