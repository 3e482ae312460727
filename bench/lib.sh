# shellcheck shell=bash
# Sourced by the bench/*.sh scripts (from the repository root).

# AWSTC_BINARY: the AOT binary to measure; published to artifacts/linux-x64 when unset.
bench_binary() {
    if [[ -z ${AWSTC_BINARY:-} ]]; then
        mkdir -p artifacts
        dotnet publish src/AwsTempCredentials -c Release -r linux-x64 -o artifacts/linux-x64 -nologo >artifacts/bench-publish.log 2>&1 ||
            { cat artifacts/bench-publish.log >&2; return 1; }
        AWSTC_BINARY=$PWD/artifacts/linux-x64/aws-temp-credentials
    fi
    export AWSTC_BINARY
}

# Runs the one [BenchmarkFact] the filter names with AWSTC_BENCH_RUNS=runs; fails unless it ran and passed (a
# benchmark reports skipped without AWSTC_BENCH_RUNS, so "no failure" alone would not prove it measured anything).
bench_run() {
    local filter=$1 runs=$2 log
    mkdir -p artifacts
    log=artifacts/bench-test.log
    AWSTC_BENCH_RUNS=$runs dotnet test tests/AwsTempCredentials.Tests -nologo --filter "$filter" >"$log" 2>&1 ||
        { tail -n 60 "$log" >&2; return 1; }
    grep -Eq 'Passed: +1, Skipped: +0' "$log" || { echo "bench: $filter did not run:" >&2; tail -n 20 "$log" >&2; return 1; }
}
