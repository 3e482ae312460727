#!/usr/bin/env bash
# The README's test command, and the one .ci/run runs: installs what the tests need when it is missing (Debian's
# AWS CLI at /usr/bin/aws, podman + runc, clang for the action image's AOT binary, wine for the Windows build, SoftHSM2 + pkcs11-tool
# for the PKCS#11 tests, swtpm + tpm2-pkcs11 for the TPM tests, the tasks/ npm packages) and the win-x64 build the
# Windows rows run under wine, then runs every test. Arguments go to `dotnet test` (e.g. --filter, --logger).
# A test that still cannot run reports skipped with its reason; with CI=true it fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash tests/install-prerequisites.sh aot awscli containers wine pkcs11 tpm npm ||
    echo "tests/run.sh: continuing; tests that need what is missing report skipped (on CI they fail)" >&2
# The JavaScript action's Windows rows run the win-x64 build under wine; .ci/run has built it with the .vsix.
if [ ! -e tasks/AwsTempCredentialsV1/bin/win-x64/aws-temp-credentials.exe ]; then
    AWSTC_VERIFY=0 bash tasks/build-binaries.sh win-x64 ||
        echo "tests/run.sh: continuing without the win-x64 build; the Windows rows report skipped (on CI they fail)" >&2
fi
# A test that runs longer than ten minutes is stopped and named (the longest takes about two): a hang fails the run
# with the test's name instead of running until CI's time is up.
dotnet test Extension.sln --blame-hang-timeout 10m --blame-hang-dump-type none "$@"
