using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.Tests.Core.Hardening;

/// <summary>One profile-name rule for every host: the CLI, the GitHub aws-profile input, the Azure DevOps profile.</summary>
public sealed class ProfileNameTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-name-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("evil]\n[default")]
    [InlineData("a\nb")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("x]")]
    [InlineData("[x")]
    [InlineData("sixty-five-characters-are-one-too-many-for-a-profile-name-xxxxxxxx")]
    public void Forging_or_unselectable_names_are_refused_everywhere(string name)
    {
        Assert.False(ProfileName.IsValid(name));
        var error = Assert.Throws<InvalidOptionsException>(() => ProfileName.Ensure("write-profile", name));
        Assert.StartsWith("write-profile:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);

        var writer = new AwsProfileWriter(Path.Combine(_directory, "credentials"), Path.Combine(_directory, "config"));
        Assert.Throws<InvalidOptionsException>(() => writer.WriteCredentials(name, new SessionCredentials("ASIAEXAMPLEEXAMPLE12", "secret", null, null), null));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData("evil]x")]
    [InlineData("with space")]
    public void The_aws_profile_input_of_the_ci_hosts_uses_the_same_rule(string name)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(new Dictionary<string, string>
        {
            [OptionNames.AwsProfile] = name,
            [OptionNames.AwsAccessKeyId] = "AKIAEXAMPLEEXAMPLE12",
            [OptionNames.AwsSecretAccessKey] = "secret",
        }));

        Assert.Contains(error.Errors, e => e.Option == OptionNames.AwsProfile && e.Message.Contains("is not a usable profile name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("ci-prod_2.eu")]
    public void Ordinary_names_pass(string name) => Assert.True(ProfileName.IsValid(name));
}
