#!/usr/bin/env bash
# End-to-end time of the CLI: process start → credentials printed, for Roles Anywhere and OIDC against the
# loopback fakes (first run is a warm-up), plus the binary's peak RSS and size.
# Usage: bench/cli.sh [runs]     (default 20; AWSTC_BINARY = the AOT binary, published when unset)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
if [[ -z ${AWSTC_BINARY:-} ]]; then
  dotnet publish src/AwsTempCredentials -c Release -r linux-x64 -o artifacts/linux-x64 -nologo >/dev/null
  export AWSTC_BINARY=$PWD/artifacts/linux-x64/aws-temp-credentials
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
AWSTC_BENCH_RUNS=$runs AWSTC_BENCH_OUT=$out dotnet test tests/AwsTempCredentials.Tests -nologo \
  --filter "FullyQualifiedName~Benchmarks.CliBenchmark" >/dev/null
cat "$out"
