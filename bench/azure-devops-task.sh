#!/usr/bin/env bash
# End-to-end time of the Azure DevOps task: `node launcher.js` exactly as the agent's Node handler runs it
# (environment only), with the Native AOT binary at bin/linux-x64, against the loopback fakes of Azure DevOps
# (OIDC token, secure files), STS and Roles Anywhere. Prints the median of AWSTC_BENCH_RUNS (default 21) runs
# per scenario; the numbers are also in bench/results/azure-devops-task.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${AWSTC_AOT_DIR:-/tmp/aot-ado}
if [[ ! -x "$out/aws-temp-credentials" ]]; then
  dotnet publish src/AwsTempCredentials -c Release -r linux-x64 -o "$out"
fi
AWSTC_BINARY="$out/aws-temp-credentials" AWSTC_BENCH_RUNS="${AWSTC_BENCH_RUNS:-21}" \
  dotnet test tests/AwsTempCredentials.Tests --filter "FullyQualifiedName~AzureDevOps.TaskTimingBenchmark" >/dev/null
cat bench/results/azure-devops-task.txt
