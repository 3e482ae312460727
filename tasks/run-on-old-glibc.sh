#!/usr/bin/env bash
# Runs a Linux executable on an older glibc than this machine's: Debian 11's glibc 2.31 and
# OpenSSL 1.1 (the oldest Debian release deb.debian.org still serves; 10 with glibc 2.28 has
# moved to archive.debian.org). The packages are fetched with apt-get into a scratch folder and
# the program is started through their dynamic loader, so it loads their libc, libpthread,
# libdl, librt, libm and (when it dlopens OpenSSL) their libssl.so.1.1 and none of the host's.
# Not part of CI (it needs deb.debian.org and a manual look); see tasks/check-glibc.sh for that.
#
#   tasks/run-on-old-glibc.sh <linux-x64 or linux-arm64 binary> [args...]    default args: --version
#
# An arm64 binary runs under qemu-aarch64 (qemu-user). AWSTC_OLD_GLIBC_DIR keeps the packages
# (default ${TMPDIR:-/tmp}/awstc-old-glibc).
set -euo pipefail

bin="$(realpath "${1:?usage: run-on-old-glibc.sh <binary> [args...]}")"
shift
[ "$#" -gt 0 ] || set -- --version
dir="${AWSTC_OLD_GLIBC_DIR:-${TMPDIR:-/tmp}/awstc-old-glibc}"
suite=bullseye

case "$(file -b "$bin")" in
  *x86-64*) arch=amd64 triple=x86_64-linux-gnu runner=() ;;
  *aarch64*) arch=arm64 triple=aarch64-linux-gnu runner=(qemu-aarch64 -L "$dir/root-arm64") ;;
  *) echo "run-on-old-glibc: not a Linux x86-64 or aarch64 executable: $bin" >&2; exit 2 ;;
esac
root="$dir/root-$arch"

if [ ! -d "$root/lib/$triple" ]; then
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" > "$dir/sources.list"
  apt_opts=(-o "Dir::Etc::sourcelist=$dir/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$dir/lists"
    -o "Dir::Cache=$dir/cache" -o "APT::Architectures::=$arch" -o Debug::NoLocking=1)
  apt-get "${apt_opts[@]}" update -qq
  # apt-get download would pick the host's installed version; name the suite's own.
  pkgs=()
  for p in libc6 libssl1.1; do
    v="$(apt-cache "${apt_opts[@]}" madison "$p:$arch" | awk -v s="$suite" '$0 ~ s { print $3; exit }')"
    [ -n "$v" ] || { echo "run-on-old-glibc: $p not found in $suite" >&2; exit 1; }
    pkgs+=("$p:$arch=$v")
  done
  (cd "$dir/debs" && apt-get "${apt_opts[@]}" download "${pkgs[@]}") >&2
  mkdir -p "$root"
  for d in "$dir/debs"/*_"$arch".deb; do dpkg-deb -x "$d" "$root"; done
fi

loader="$(ls "$root/lib/$triple"/ld-2.*.so | head -n1)"
echo "run-on-old-glibc: $(basename "$loader" .so | sed 's/^ld-/glibc /') ($suite, $arch): $bin $*" >&2
exec "${runner[@]}" "$loader" --library-path "$root/lib/$triple:$root/usr/lib/$triple" "$bin" "$@"
