#!/usr/bin/env bash
# Run the action image the way the GitHub Actions runner runs a container
# action (`runs: using: docker`), so tests can drive the real image.
#
# Modelled on actions/runner: Handlers/ContainerActionHandler.cs (mounts, env,
# workdir) and Container/DockerCommandManager.cs DockerRun(), whose line is
#   docker run --name <image>_<6 hex> --label <runner label> --workdir /github/workspace --rm
#     -e NAME ... (names only: values come from the environment, never the log)
#     -e GITHUB_ACTIONS=true -e CI=true [--entrypoint <post-entrypoint>]
#     --network github_network_<id>
#     -v /var/run/docker.sock:/var/run/docker.sock
#     -v <temp>:/github/runner_temp -v <temp>/_github_home:/github/home
#     -v <temp>/_github_workflow:/github/workflow
#     -v <temp>/_runner_file_commands:/github/file_commands
#     -v <workspace>:/github/workspace
#     <image> [args from action.yml]
# Differences here: `--network host` instead of the job's bridge network, so
# the container reaches fakes listening on the host's loopback; the docker
# socket is mounted only when the host has one.
#
# INTERFACE (environment in, exit code out):
#   INPUT_<NAME>=value     the step's `with:` inputs, NAME upper-cased with
#                          hyphens kept (INPUT_AWS-REGION); bash passes such
#                          names through untouched (dash would not).
#   GITHUB_*, RUNNER_*, ACTIONS_*, AWS_*
#                          passed through as the job environment would be, e.g.
#                          ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN for an OIDC fake,
#                          AWS_ENDPOINT_URL_STS for an STS fake, GITHUB_REPOSITORY.
#                          The file-command and path variables below are always
#                          set by this script, whatever the caller had.
#   ATC_PASS_ENV="A B"     further variable names to pass (HTTPS_PROXY, ...)
#   ATC_IMAGE              image (default localhost/aws-temp-credentials-action:dev)
#   ATC_RUNNER_TEMP        host directory playing the runner's temp directory
#                          (default: a new mktemp -d, printed on stderr); gets
#                          _runner_file_commands/, _github_home/, _github_workflow/
#   ATC_WORKSPACE          host directory mounted at /github/workspace
#                          (default $ATC_RUNNER_TEMP/_workspace)
#   ATC_FILE_COMMAND_SUFFIX  the GUID in set_env_<guid>, ... (default: random)
#   ATC_EVENT_JSON         content of /github/workflow/event.json (default {})
#   ATC_ENTRYPOINT         --entrypoint, as the runner does for post-entrypoint
#   ATC_NETWORK            --network (default host)
#   ATC_PODMAN_ARGS        extra `podman run` options, word-split
#                          (e.g. "-v /tmp/ca.pem:/etc/ssl/certs/ca-certificates.crt:ro")
#   arguments              passed to the entrypoint after the image (the
#                          runner passes action.yml `args:`; ours has none)
# Before starting the container it writes $ATC_RUNNER_TEMP/file_commands.env:
#   GITHUB_ENV=<host path>  GITHUB_OUTPUT=...  GITHUB_STATE=...  GITHUB_PATH=...
#   GITHUB_STEP_SUMMARY=... (plain NAME=path lines; the files exist, empty)
# then execs podman, so its exit code is the container's (125/126/127: podman
# or the entrypoint failed to start) and a signal sent to this process reaches
# podman, which forwards it to the container.
set -euo pipefail

ATC_ACTION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=action/podman-env.sh
source "$ATC_ACTION_DIR/podman-env.sh"

if [[ -z ${ATC_RUNNER_TEMP:-} ]]; then
    ATC_RUNNER_TEMP=$(mktemp -d "${TMPDIR:-/tmp}/atc-runner-temp.XXXXXX")
    printf 'run-like-runner.sh: runner temp directory %s\n' "$ATC_RUNNER_TEMP" >&2
fi
mkdir -p "$ATC_RUNNER_TEMP"
ATC_RUNNER_TEMP=$(cd "$ATC_RUNNER_TEMP" && pwd)
ATC_WORKSPACE=${ATC_WORKSPACE:-$ATC_RUNNER_TEMP/_workspace}
mkdir -p "$ATC_WORKSPACE" "$ATC_RUNNER_TEMP/_runner_file_commands" \
         "$ATC_RUNNER_TEMP/_github_home" "$ATC_RUNNER_TEMP/_github_workflow"
ATC_WORKSPACE=$(cd "$ATC_WORKSPACE" && pwd)
suffix=${ATC_FILE_COMMAND_SUFFIX:-$(cat /proc/sys/kernel/random/uuid)}
printf '%s' "${ATC_EVENT_JSON:-{\}}" >"$ATC_RUNNER_TEMP/_github_workflow/event.json"

# File commands, as FileCommandManager creates them: empty files named
# <prefix><guid>, announced to the step by container path.
: >"$ATC_RUNNER_TEMP/file_commands.env"
for pair in GITHUB_ENV:set_env_ GITHUB_OUTPUT:set_output_ GITHUB_STATE:save_state_ \
            GITHUB_PATH:add_path_ GITHUB_STEP_SUMMARY:step_summary_; do
    var=${pair%%:*} prefix=${pair#*:}
    : >"$ATC_RUNNER_TEMP/_runner_file_commands/$prefix$suffix"
    printf '%s=%s\n' "$var" "$ATC_RUNNER_TEMP/_runner_file_commands/$prefix$suffix" \
        >>"$ATC_RUNNER_TEMP/file_commands.env"
    export "$var=/github/file_commands/$prefix$suffix"
done

# What the runner sets for every container step (paths translated into the
# container); the caller cannot override these.
export HOME=/github/home
export GITHUB_WORKSPACE=/github/workspace
export GITHUB_EVENT_PATH=/github/workflow/event.json
export RUNNER_TEMP=/github/runner_temp
export RUNNER_OS=${RUNNER_OS:-Linux}
export RUNNER_ARCH=${RUNNER_ARCH:-X64}

# -e NAME for every variable to pass. Read names with `env -0`, not bash's
# own variable list: that one omits hyphenated names like INPUT_AWS-REGION.
args=(run --name "atc_$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      --label aws-temp-credentials-run --workdir /github/workspace --rm)
declare -A seen=()
extra=" ${ATC_PASS_ENV:-} HOME "
while IFS= read -r -d '' kv; do
    name=${kv%%=*}
    [[ -n ${seen[$name]:-} ]] && continue
    if [[ $name =~ ^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|AWS_) || $extra == *" $name "* ]]; then
        [[ $name == GITHUB_ACTIONS ]] && continue # set below, as the runner does
        seen[$name]=1
        args+=(-e "$name")
    fi
done < <(env -0)
args+=(-e GITHUB_ACTIONS=true)
[[ -n ${seen[CI]:-} ]] || args+=(-e CI=true)
[[ -n ${ATC_ENTRYPOINT:-} ]] && args+=(--entrypoint "$ATC_ENTRYPOINT")
# The real runner uses the job's own bridge network (github_network_<id>);
# host networking lets the container reach fakes on the host's 127.0.0.1.
args+=(--network "${ATC_NETWORK:-host}")
[[ -S /var/run/docker.sock ]] && args+=(-v /var/run/docker.sock:/var/run/docker.sock)
args+=(-v "$ATC_RUNNER_TEMP:/github/runner_temp"
       -v "$ATC_RUNNER_TEMP/_github_home:/github/home"
       -v "$ATC_RUNNER_TEMP/_github_workflow:/github/workflow"
       -v "$ATC_RUNNER_TEMP/_runner_file_commands:/github/file_commands"
       -v "$ATC_WORKSPACE:/github/workspace")
# shellcheck disable=SC2206 # deliberate word splitting
[[ -n ${ATC_PODMAN_ARGS:-} ]] && args+=(${ATC_PODMAN_ARGS})
args+=("$ATC_IMAGE" "$@")

if [[ -n ${ATC_PODMAN:-} ]]; then
    # shellcheck disable=SC2086
    exec ${ATC_PODMAN} "${args[@]}"
fi
exec podman --runtime runc "${args[@]}"
