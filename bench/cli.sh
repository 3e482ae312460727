#!/usr/bin/env bash
# End-to-end time of the CLI: process start → credentials printed, for Roles Anywhere and OIDC against the
# loopback fakes (first run is a warm-up), plus the binary's peak RSS and size.
# Usage: bench/cli.sh [runs]     (default 20; AWSTC_BINARY = the AOT binary, published when unset)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_binary
out=$(mktemp)
trap 'rm -f "$out"' EXIT
AWSTC_BENCH_OUT=$out bench_run "FullyQualifiedName~Benchmarks.CliBenchmark" "${1:-20}"
cat "$out"
