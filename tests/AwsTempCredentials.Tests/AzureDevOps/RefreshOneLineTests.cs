using System.Text.Json;
using AwsTempCredentials.Testing.AzureDevOps;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// refresh with inputs written one item per line (the README's <c>roleChaining: |</c> style) or a pretty-printed
/// policy: the profile's credential_process stays one line that the real AWS CLI, in a later step, parses back to the
/// same arguments and runs.
/// </summary>
public sealed class RefreshOneLineTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Fact]
    public async Task Multi_line_role_chaining_keeps_credential_process_on_one_line_the_aws_cli_runs()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var hub = fixture.Aws.AddRole($"hub-{suffix}", trustedPrincipals: [fixture.Aws.DefaultAccount.Id]).Arn;
        var deploy = fixture.Aws.AddRole($"deploy-{suffix}", trustedPrincipals: [fixture.Aws.DefaultAccount.Id]).Arn;
        var agent = Oidc().Input("refresh", "true").Input("roleChaining", $"\n  {hub}\n  {deploy}\n");

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded(refresh: true);
        var line = CredentialProcessLine(run);
        Assert.Contains($"'{hub},{deploy}'", line, StringComparison.Ordinal);
        var before = fixture.AzureDevOps.IssuedTokens.Count;
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith($"arn:aws:sts::111122223333:assumed-role/deploy-{suffix}/", arn, StringComparison.Ordinal);
        Assert.True(fixture.AzureDevOps.IssuedTokens.Count > before, "credential_process did not run.");
    }

    [Fact]
    public async Task Multi_line_inline_session_policy_keeps_credential_process_on_one_line_the_aws_cli_runs()
    {
        const string Policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::it's-a-bucket/*" }
              ]
            }
            """;
        var agent = Oidc().Input("refresh", "true").Input("inlineSessionPolicy", Policy);

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded(refresh: true);
        CredentialProcessLine(run);
        var calls = fixture.Aws.AssumeRoleRequests.Count;
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/oidc-deploy/", arn, StringComparison.Ordinal);
        var refreshed = fixture.Aws.AssumeRoleRequests.Skip(calls).First(r => r.Policy is not null);
        Assert.Equal(Compact(Policy), Compact(refreshed.Policy!));
    }

    /// <summary>The profile's credential_process: one line, no continuation line after it.</summary>
    private static string CredentialProcessLine(TaskRun run)
    {
        var lines = File.ReadAllLines(run.Variable("AWS_CONFIG_FILE")!);
        var index = Array.FindIndex(lines, l => l.StartsWith("credential_process = ", StringComparison.Ordinal));
        Assert.True(index >= 0, string.Join('\n', lines));
        Assert.True(index == lines.Length - 1 || lines[index + 1].Length == 0 || !char.IsWhiteSpace(lines[index + 1][0]), "credential_process continues on the next line:\n" + string.Join('\n', lines));
        return lines[index];
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private AgentEnvironment Oidc() => fixture.Oidc(fixture.NewAgent(), fixture.AzureDevOps.AddConnection("aws-one-line"));
}
