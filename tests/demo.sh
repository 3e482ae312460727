#!/usr/bin/env bash
# The README's first command: builds the Native AOT executable, then shows it doing its job with no AWS account.
# The test rig's strict fakes of IAM Roles Anywhere and STS run on loopback; the binary gets credentials through
# Roles Anywhere (a test CA's certificate) and through OIDC (a test issuer's token), and a real consumer uses them:
# Debian's AWS CLI (/usr/bin/aws; installed here as root when missing) or else the AWS SDK for .NET.
# Installs clang and zlib1g-dev when missing (Native AOT links with them).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p artifacts

if ! bash tests/install-prerequisites.sh aot awscli; then
    command -v clang >/dev/null || { echo "demo: Native AOT needs clang and zlib1g-dev" >&2; exit 1; }
    echo "demo: the AWS CLI could not be installed; the AWS SDK for .NET stands in as the consumer"
fi

echo "== dotnet publish src/AwsTempCredentials -c Release -r linux-x64 (Native AOT) -> artifacts/linux-x64"
dotnet publish src/AwsTempCredentials -c Release -r linux-x64 -o artifacts/linux-x64 -nologo >artifacts/publish.log 2>&1 ||
    { cat artifacts/publish.log >&2; exit 1; }
echo "== dotnet build tests/AwsTempCredentials.Demo"
dotnet build tests/AwsTempCredentials.Demo -c Release -nologo >artifacts/demo-build.log 2>&1 ||
    { cat artifacts/demo-build.log >&2; exit 1; }
dotnet run --project tests/AwsTempCredentials.Demo -c Release --no-build -- artifacts/linux-x64/aws-temp-credentials
