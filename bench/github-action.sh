#!/usr/bin/env bash
# Median end-to-end time of the GitHub action against the loopback fakes (OIDC: ID-token endpoint + STS),
# over N runs (default 20): the entrypoint run as the runner runs it (exact environment, file commands), the
# JavaScript action as the runner runs a node action (`node main.js`: launcher, binary; target <= 100 ms), and
# - when podman is there - the container image run the same way (action/run-like-runner.sh).
#
# Usage: bench/github-action.sh [runs]
# Environment: AWSTC_BINARY  AOT binary to measure (default: publish to /tmp/aot-gh)
#              AWSTC_GITHUB_ACTION  packaged JavaScript action to measure (default: staged from action/node with
#                                   that binary; a packaged one unpacks its .br on the first, unmeasured run)
#              AWSTC_ACTION_IMAGE  image to measure (default: built from that binary by action/build-image.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-20}
if [[ -z ${AWSTC_BINARY:-} ]]; then
    dotnet publish "$ROOT/src/AwsTempCredentials" -c Release -r linux-x64 -o /tmp/aot-gh -nologo >/tmp/aot-gh.publish.log 2>&1 ||
        { cat /tmp/aot-gh.publish.log >&2; exit 1; }
    export AWSTC_BINARY=/tmp/aot-gh/aws-temp-credentials
fi
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
AWSTC_BENCH_RUNS=$RUNS AWSTC_BENCH_OUT=$OUT dotnet test "$ROOT/tests/AwsTempCredentials.Tests" -nologo \
    --filter "FullyQualifiedName~GitHub.GitHubActionBenchmark" >/tmp/github-bench.test.log 2>&1 ||
    { tail -n 60 /tmp/github-bench.test.log >&2; exit 1; }
cat "$OUT"
