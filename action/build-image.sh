#!/usr/bin/env bash
# Build the GitHub action's container image locally, without any registry:
#
#   1. publish the Native AOT binary (linux-x64) - or take ATC_BINARY;
#   2. build a minimal base root filesystem from this machine's own files
#      (glibc's loader, the libraries `ldd` lists, libssl.so.3 + libcrypto.so.3
#      and their dependencies, the CA bundle, nsswitch.conf) and `podman import`
#      it as localhost/aws-temp-credentials-base:dev - or take ATC_BASE_IMAGE;
#   3. build action/Dockerfile on top of it with --build-arg BASE_IMAGE=...,
#      tagged $ATC_IMAGE (default localhost/aws-temp-credentials-action:dev);
#   4. smoke-test it (starts with an empty environment, has no shell, has the
#      OpenSSL libraries and the CA bundle) and print its compressed size.
#
# Usage: action/build-image.sh            (from anywhere; needs dotnet + podman)
# Environment (all optional):
#   ATC_BINARY       prebuilt linux AOT binary; skips `dotnet publish`
#   ATC_BASE_IMAGE   base image to use instead of building the local one
#                    (e.g. gcr.io/distroless/base-debian12 where a registry is reachable)
#   ATC_IMAGE        tag of the result (default localhost/aws-temp-credentials-action:dev)
#   ATC_RID          runtime identifier to publish (default linux-x64)
#   ATC_SKIP_CHECKS  1 = skip the smoke tests and size measurement
#   ATC_PODMAN       container CLI to use instead of `podman --runtime runc`
#                    (e.g. `docker` on GitHub-hosted runners, see .github/workflows)
# Exit code 0 when the image was built (and passed the checks).
set -euo pipefail

ATC_ACTION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$ATC_ACTION_DIR/.." && pwd)
# shellcheck source=action/podman-env.sh
source "$ATC_ACTION_DIR/podman-env.sh"

RID=${ATC_RID:-linux-x64}
BASE_TAG=localhost/aws-temp-credentials-base:dev
WORK=$(mktemp -d "${TMPDIR:-/tmp}/atc-image.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'build-image.sh: %s\n' "$*" >&2; exit 1; }

# --- 1. the binary -------------------------------------------------------------
mkdir -p "$WORK/context"
if [[ -n ${ATC_BINARY:-} ]]; then
    [[ -f $ATC_BINARY ]] || die "ATC_BINARY=$ATC_BINARY is not a file"
    cp "$ATC_BINARY" "$WORK/context/aws-temp-credentials"
else
    log "dotnet publish src/AwsTempCredentials -c Release -r $RID"
    # Others may build in the same tree: retry on lock / obj races.
    ok=
    for attempt in 1 2 3; do
        if dotnet publish "$REPO_ROOT/src/AwsTempCredentials" -c Release -r "$RID" \
                -o "$WORK/publish" -nologo >"$WORK/publish.log" 2>&1; then
            ok=1; break
        fi
        log "publish attempt $attempt failed; $(grep -m1 -E 'error|Error' "$WORK/publish.log" || tail -n1 "$WORK/publish.log")"
        sleep $((attempt * 5))
    done
    [[ -n $ok ]] || { cat "$WORK/publish.log" >&2; die "dotnet publish failed"; }
    cp "$WORK/publish/aws-temp-credentials" "$WORK/context/aws-temp-credentials"
fi
chmod 0755 "$WORK/context/aws-temp-credentials"
BIN=$WORK/context/aws-temp-credentials
log "binary: $(stat -c %s "$BIN") bytes"

# Images these tags name now; removed at the end if the rebuild replaced them,
# so repeated builds leave no dangling images behind.
old_ids=()
for t in "$ATC_IMAGE" "$BASE_TAG"; do
    id=$(atc_podman image inspect --format '{{.Id}}' "$t" 2>/dev/null) && old_ids+=("$t=$id")
done
remove_replaced() {
    local pair t id
    for pair in "${old_ids[@]}"; do
        t=${pair%%=*} id=${pair#*=}
        [[ $(atc_podman image inspect --format '{{.Id}}' "$t" 2>/dev/null) == "$id" ]] ||
            atc_podman rmi "$id" >/dev/null 2>&1 || true
    done
}

# --- 2. the base image ---------------------------------------------------------
# Copy a host file (following links) to the same canonical place in the rootfs.
# Canonical = the directory with its links resolved, so /lib/x86_64-linux-gnu/x
# lands in /usr/lib/x86_64-linux-gnu/x on merged-/usr hosts (Debian 12, Ubuntu).
ROOTFS=$WORK/rootfs
put() {
    local src=$1 dir
    dir=$(readlink -f "$(dirname "$src")")
    mkdir -p "$ROOTFS$dir"
    cp -L --preserve=mode "$src" "$ROOTFS$dir/$(basename "$src")"
}
# Shared objects a file needs, as absolute paths (loader included, vdso excluded).
needs() {
    ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
}
# Where the host's dynamic loader finds a library by soname (as dlopen() would).
find_lib() {
    local p
    p=$(ldconfig -p | awk -v n="$1" '$1 == n && $0 ~ /x86-64|AArch64|aarch64/ { print $NF; exit }')
    [[ -z $p ]] && p=$(ldconfig -p | awk -v n="$1" '$1 == n { print $NF; exit }')
    [[ -n $p ]] || die "$1 not found on this machine (apt-get install libssl3)"
    printf '%s\n' "$p"
}

if [[ -n ${ATC_BASE_IMAGE:-} ]]; then
    BASE=$ATC_BASE_IMAGE
else
    log "building base root filesystem from this machine's files"
    mkdir -p "$ROOTFS"
    # Keep the host's merged-/usr links (lib -> usr/lib, lib64 -> usr/lib64, ...),
    # so the loader path baked into the binary (/lib64/ld-linux-x86-64.so.2) resolves.
    for d in bin sbin lib lib32 lib64 libx32; do
        if [[ -L /$d ]]; then ln -s "$(readlink "/$d")" "$ROOTFS/$d"; fi
    done
    libs=$(
        {
            needs "$BIN"
            for so in libssl.so.3 libcrypto.so.3; do
                p=$(find_lib "$so"); echo "$p"; needs "$p"
            done
        } | sort -u
    )
    for f in $libs; do put "$f"; done
    # CA bundle where OpenSSL finds it; the Dockerfile sets SSL_CERT_FILE to it,
    # and the usual Debian links are added too (OPENSSLDIR/cert.pem, certs).
    [[ -f /etc/ssl/certs/ca-certificates.crt ]] ||
        die "/etc/ssl/certs/ca-certificates.crt missing (apt-get install ca-certificates)"
    mkdir -p "$ROOTFS/etc/ssl/certs"
    cp -L /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/"
    openssldir=$(openssl version -d 2>/dev/null | sed -n 's/^OPENSSLDIR: "\(.*\)"$/\1/p')
    openssldir=${openssldir:-/usr/lib/ssl}
    mkdir -p "$ROOTFS$openssldir"
    ln -s /etc/ssl/certs/ca-certificates.crt "$ROOTFS$openssldir/cert.pem"
    ln -s /etc/ssl/certs "$ROOTFS$openssldir/certs"
    # What a distroless base also has: name service order (loopback fakes and
    # /etc/hosts before DNS), root user, a world-writable /tmp.
    printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
    printf 'root:x:0:0:root:/root:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
    printf 'root:x:0:\n' >"$ROOTFS/etc/group"
    mkdir -p "$ROOTFS/root" "$ROOTFS/tmp" "$ROOTFS/usr/local/bin"
    chmod 1777 "$ROOTFS/tmp"
    tar --sort=name --numeric-owner --owner=0 --group=0 --mtime='2000-01-01 00:00Z' \
        -C "$ROOTFS" -cf "$WORK/rootfs.tar" .
    atc_podman import \
        --message "aws-temp-credentials local base: $(echo "$libs" | xargs -n1 basename | tr '\n' ' ')" \
        "$WORK/rootfs.tar" "$BASE_TAG" >/dev/null 2>"$WORK/import.log" ||
        { cat "$WORK/import.log" >&2; die "import of the base failed"; }
    BASE=$BASE_TAG
    log "base $BASE_TAG: $(stat -c %s "$WORK/rootfs.tar") bytes uncompressed"
fi

# --- 3. the action image -------------------------------------------------------
log "podman build -f action/Dockerfile --build-arg BASE_IMAGE=$BASE -t $ATC_IMAGE"
pull=()
# A locally imported base must never be looked up in a registry (podman would
# try docker.io/localhost/...); docker's builder uses its local store anyway.
[[ -z ${ATC_BASE_IMAGE:-} && -z ${ATC_PODMAN:-} ]] && pull=(--pull=never)
atc_podman build --quiet "${pull[@]}" \
    --build-arg "BASE_IMAGE=$BASE" \
    --build-arg "VERSION=$(git -C "$REPO_ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)" \
    -f "$ATC_ACTION_DIR/Dockerfile" -t "$ATC_IMAGE" "$WORK/context" >/dev/null
log "built $ATC_IMAGE"
remove_replaced

[[ ${ATC_SKIP_CHECKS:-0} == 1 ]] && exit 0

# --- 4. checks -----------------------------------------------------------------
# a) starts with an empty environment (`env -i`: podman adds only PATH,
#    container=podman, HOSTNAME) and the binary runs: any exit code but
#    podman's own 125/126/127 (cannot start / not executable / not found).
set +e
# shellcheck disable=SC2086 # deliberate word splitting of the command
env -i PATH="$PATH" CONTAINERS_CONF="$CONTAINERS_CONF" \
    ${ATC_PODMAN:-podman --runtime runc} run --rm "$ATC_IMAGE" >"$WORK/run.out" 2>&1
rc=$?
set -e
log "empty-environment run: exit $rc; output: $(head -c 300 "$WORK/run.out")"
((rc < 125)) || die "the image did not start (exit $rc)"

# b) no shell inside: /bin/sh must not exist.
if atc_podman run --rm --entrypoint /bin/sh "$ATC_IMAGE" -c true >/dev/null 2>&1; then
    die "the image has a shell at /bin/sh"
fi
log "no /bin/sh in the image (as intended)"

# c) the files the binary loads at run time are there.
cid=$(atc_podman create "$ATC_IMAGE")
atc_podman export "$cid" | tar -tv >"$WORK/files.txt"
atc_podman rm "$cid" >/dev/null
for want in 'libssl\.so\.3' 'libcrypto\.so\.3' 'libc\.so\.6' 'ld-linux' \
            'etc/ssl/certs/ca-certificates\.crt' 'usr/local/bin/aws-temp-credentials'; do
    grep -Eq "$want" "$WORK/files.txt" || die "image lacks $want"
done
log "image files (links shown as a -> b):"
grep -v '/$' "$WORK/files.txt" | awk '{ $1=$2=$4=$5=""; print }' | sed 's/^ *//' >&2

# d) size: what a runner downloads is the compressed layers.
size=$(atc_podman save "$ATC_IMAGE" 2>/dev/null | gzip -9 | wc -c)
log "$ATC_IMAGE: $(atc_podman image inspect --format '{{.Size}}' "$ATC_IMAGE") bytes unpacked, $size bytes gzip -9 (save | gzip -9 | wc -c)"
