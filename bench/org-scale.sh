#!/usr/bin/env bash
# Organisation scale: bursts of Roles Anywhere jobs (the real binary, all started at once) against a fake whose
# CreateSession quota is a token bucket — 200 jobs against 2/s and 50 jobs against 10/s — with default options.
# Prints jobs that got credentials, p50/p99/last finish time, CreateSession requests per job, throttled answers.
# Usage: bench/org-scale.sh     (AWSTC_BINARY = the AOT binary, published when unset; takes about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${AWSTC_BINARY:-} ]]; then
  dotnet publish src/AwsTempCredentials -c Release -r linux-x64 -o artifacts/linux-x64 -nologo >/dev/null
  export AWSTC_BINARY=$PWD/artifacts/linux-x64/aws-temp-credentials
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
AWSTC_BENCH_RUNS=1 AWSTC_BENCH_OUT=$out dotnet test tests/AwsTempCredentials.Tests -nologo \
  --filter "FullyQualifiedName~Scale.OrgScaleBenchmark" >/dev/null
cat "$out"
