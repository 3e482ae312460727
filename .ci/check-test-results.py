#!/usr/bin/env python3
"""Checks a test run for exactly what the tests run, from its TRX file (dotnet test --logger trx).

CI passes when no test failed, at least one ran, and the only skipped tests are the benchmarks: every [BenchmarkFact]
in tests/ skipped with BenchmarkFactAttribute.SkipReason and nothing else skipped (a test that skips because something
is missing on the machine means CI did not test it). Prints the problems, then the closing line
"tests: N passed, N failed, N skipped". Exit 1 when the run is not what it should be.

Usage: check-test-results.py RESULTS.trx TESTS_DIR
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(trx_path: str, tests_dir: str) -> int:
    tests = pathlib.Path(tests_dir)
    attribute = (tests / "AwsTempCredentials.Tests" / "Benchmarks" / "BenchmarkFactAttribute.cs").read_text(encoding="utf-8")
    benchmark_reason = re.search(r'SkipReason = "([^"]+)";', attribute).group(1)
    benchmarks = sum(len(re.findall(r"\[(?:Benchmarks\.)?BenchmarkFact\b", f.read_text(encoding="utf-8")))
                     for f in tests.rglob("*.cs") if "/obj/" not in f.as_posix() and "/bin/" not in f.as_posix())

    problems = []
    passed, failed, skipped = [], [], []
    path = pathlib.Path(trx_path)
    if not path.is_file():
        problems.append(f"no test results at {trx_path}: the test run did not finish")
    else:
        for result in ET.parse(path).getroot().iterfind(".//t:Results/t:UnitTestResult", NS):
            name, outcome = result.get("testName"), result.get("outcome")
            message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
            if outcome == "Passed":
                passed.append(name)
            elif outcome == "NotExecuted":
                skipped.append((name, message))
            else:
                failed.append((name, outcome, message))

    for name, outcome, message in failed:
        problems.append(f"{outcome.lower()}: {name}: {message.splitlines()[0] if message else ''}")
    for name, reason in skipped:
        if reason != benchmark_reason:
            problems.append(f"skipped, but CI must run it: {name}: {reason}")
    benchmark_skips = sum(1 for _, reason in skipped if reason == benchmark_reason)
    if path.is_file() and benchmark_skips != benchmarks:
        problems.append(f"{benchmarks} [BenchmarkFact] tests in {tests_dir}, but {benchmark_skips} skipped as benchmarks")
    if path.is_file() and not passed:
        problems.append("no test passed: the run ran no test")

    for problem in problems:
        print(f"check-test-results: {problem}")
    if skipped and not problems:
        print(f"check-test-results: {len(skipped)} skipped, all benchmarks ({benchmark_reason!r})")
    print(f"tests: {len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
