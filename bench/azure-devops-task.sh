#!/usr/bin/env bash
# End-to-end time of the Azure DevOps task: `node launcher.js` exactly as the agent's Node handler runs it
# (environment only), with the Native AOT binary at bin/linux-x64, against the loopback fakes of Azure DevOps
# (OIDC token, secure files), STS and Roles Anywhere. Prints the median of AWSTC_BENCH_RUNS (default 21) runs
# per scenario; the numbers are also in bench/results/azure-devops-task.txt.
# Environment: AWSTC_BINARY  AOT binary to measure (default: published to artifacts/linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_binary
bench_run "FullyQualifiedName~AzureDevOps.TaskTimingBenchmark" "${AWSTC_BENCH_RUNS:-21}"
cat bench/results/azure-devops-task.txt
