# shellcheck shell=bash
# Sourced by action/build-image.sh and action/run-like-runner.sh.
# podman as it works on the project's machines (action/README.md): our
# containers.conf (no default ulimits, cgroupfs) and runc instead of crun.
# Override with ATC_PODMAN (e.g. "docker") or your own CONTAINERS_CONF.

ATC_ACTION_DIR=${ATC_ACTION_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ATC_ACTION_DIR/containers.conf}
ATC_IMAGE=${ATC_IMAGE:-localhost/aws-temp-credentials-action:dev}

atc_podman() {
    if [[ -n ${ATC_PODMAN:-} ]]; then
        # shellcheck disable=SC2086 # ATC_PODMAN may carry options
        ${ATC_PODMAN} "$@"
    else
        podman --runtime runc "$@"
    fi
}
