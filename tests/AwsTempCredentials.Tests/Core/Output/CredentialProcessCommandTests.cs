using AwsTempCredentials.Errors;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.Tests.Core.Output;

/// <summary>The credential_process line reads back, as the AWS CLI splits it on each OS, as exactly the arguments given.</summary>
public sealed class CredentialProcessCommandTests
{
    private static readonly KeyValuePair<string, string>[] Options =
    [
        new("role-to-assume", "arn:aws:iam::111122223333:role/deploy"),
        new("role-session-name", "GitHubActions"),
        new("web-identity-token-file", @"C:\a\_temp\token dir\"),
        new("session-tags", "Team=Platform & Ops (blue)"),
        new("audience", string.Empty),
        new("certificate", @"D:\a\_temp\aws-temp-credentials-1\certificate"),
    ];

    [Theory]
    [InlineData(CommandLineStyle.Windows, @"C:\actions\bin\win-x64\aws-temp-credentials.exe")]
    [InlineData(CommandLineStyle.Windows, @"C:\actions runner\bin\win-x64\aws-temp-credentials.exe")]
    [InlineData(CommandLineStyle.Posix, "/opt/actions-runner/_work/_actions/o/r/node-v1/bin/linux-x64/aws-temp-credentials")]
    public async Task The_aws_cli_splits_the_line_into_the_arguments_given(CommandLineStyle style, string executable)
    {
        var line = CredentialProcessCommand.Build(executable, ["github", "credential-process"], Options, style);

        var argv = await BotocoreCommandLine.SplitAsync(line, windows: style == CommandLineStyle.Windows);

        string[] expected = [executable, "github", "credential-process", .. Options.SelectMany(o => new[] { "--" + o.Key, o.Value }), "--output", "credential-process"];
        Assert.Equal(expected, argv);
    }

    [Fact]
    public void On_windows_plain_values_stay_bare_so_that_cmd_c_keeps_the_line_as_it_is()
    {
        var line = CredentialProcessCommand.Build(@"D:\a\_actions\o\r\node-v1\bin\win-x64\aws-temp-credentials.exe", ["github", "credential-process"],
            [new("role-to-assume", "arn:aws:iam::111122223333:role/deploy"), new("aws-region", "eu-west-1")], CommandLineStyle.Windows);

        Assert.Equal(
            @"D:\a\_actions\o\r\node-v1\bin\win-x64\aws-temp-credentials.exe github credential-process --role-to-assume arn:aws:iam::111122223333:role/deploy --aws-region eu-west-1 --output credential-process",
            line);
    }

    [Theory]
    [InlineData("inline-session-policy", """{"Version":"2012-10-17"}""")]
    [InlineData("sts-endpoint", "https://sts.example/%7Ea")]
    public void On_windows_quotes_and_percent_signs_are_refused_naming_the_input(string name, string value)
    {
        var error = Assert.Throws<InvalidOptionsException>(() =>
            CredentialProcessCommand.Build(@"C:\x\aws-temp-credentials.exe", [new(name, value)], CommandLineStyle.Windows));

        var option = Assert.Single(error.Errors);
        Assert.Equal(name, option.Option);
        Assert.Contains("Windows", option.Message, StringComparison.Ordinal);
    }
}
