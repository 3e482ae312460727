#!/usr/bin/env bash
# Installs what the build, the demo and the tests need from the machine, when it is missing (Debian/Ubuntu: apt,
# as root or through password-less sudo; the tasks/ npm packages with npm ci). Idempotent: installs nothing when
# everything is there.
#
# Usage: tests/install-prerequisites.sh GROUP...
#   aot         clang, zlib1g-dev: `dotnet publish -r linux-x64` with PublishAot links with them
#   awscli      Debian's AWS CLI at /usr/bin/aws, the tests' real consumer. Checked by path, not `command -v aws`:
#               another aws on PATH (a pyenv shim, a pip install, AWS CLI v2 in /usr/local) is not the one the tests run
#   containers  podman, runc: the GitHub action's image, built and run as the runner runs a container action
#   arm64       the aarch64 cross toolchain: the linux-arm64 Native AOT binary inside the .vsix
#   wine        wine: the GitHub JavaScript action's win-x64 executable, run as on a Windows runner
#   pkcs11      softhsm2, opensc (pkcs11-tool), p11-kit: PKCS#11 tokens in software, keys generated inside them
#   tpm         swtpm, tpm2-abrmd, tpm2-tools, tpm2-pkcs11 (+ tpm2_ptool), dbus: a TPM 2.0 in software behind tpm2-pkcs11
#   npm         tasks/ devDependencies (ajv for the task.json schema checks, tfx-cli for the .vsix), with npm ci
# Exit 1 when something is missing and cannot be installed here.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
npm=
for group in "$@"; do
    case $group in
        aot)
            command -v clang >/dev/null || packages+=(clang)
            [[ -f /usr/include/zlib.h ]] || packages+=(zlib1g-dev) ;;
        awscli)
            [[ -x /usr/bin/aws ]] || packages+=(awscli) ;;
        containers)
            command -v podman >/dev/null || packages+=(podman)
            command -v runc >/dev/null || packages+=(runc) ;;
        arm64)
            command -v aarch64-linux-gnu-objcopy >/dev/null || packages+=(binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu)
            [[ -d /usr/aarch64-linux-gnu/lib ]] || packages+=(libc6-dev-arm64-cross) ;;
        wine)
            command -v wine >/dev/null || packages+=(wine wine64) ;;
        pkcs11)
            [[ -f /usr/lib/softhsm/libsofthsm2.so ]] || packages+=(softhsm2)
            command -v pkcs11-tool >/dev/null || packages+=(opensc)
            compgen -G '/usr/lib/*/p11-kit-proxy.so' >/dev/null || packages+=(p11-kit-modules) ;;
        tpm)
            command -v swtpm >/dev/null || packages+=(swtpm)
            [[ -x /usr/sbin/tpm2-abrmd ]] || packages+=(tpm2-abrmd libtss2-tcti-tabrmd0)
            command -v tpm2_getrandom >/dev/null || packages+=(tpm2-tools libtss2-tcti-swtpm0)
            command -v tpm2_ptool >/dev/null || packages+=(libtpm2-pkcs11-1 libtpm2-pkcs11-tools)
            command -v dbus-daemon >/dev/null || packages+=(dbus)
            command -v pkcs11-tool >/dev/null || packages+=(opensc) ;;
        npm)
            npm=1 ;;
        *)
            echo "install-prerequisites: unknown group '$group' (aot, awscli, containers, arm64, wine, pkcs11, tpm, npm)" >&2; exit 2 ;;
    esac
done

if [[ -n $npm ]]; then
    command -v npm >/dev/null || { echo "install-prerequisites: npm (Node.js 20 or later) is missing" >&2; exit 1; }
    if ! (cd tasks && npm ls --depth=0 >/dev/null 2>&1); then
        echo "install-prerequisites: npm ci (tasks/)"
        (cd tasks && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
fi

if ((${#packages[@]} > 0)); then
    if [[ $(id -u) == 0 ]]; then
        sudo=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo=(sudo)
    else
        echo "install-prerequisites: missing ${packages[*]}; install them as root: apt-get install ${packages[*]}" >&2
        exit 1
    fi
    echo "install-prerequisites: apt-get install ${packages[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
