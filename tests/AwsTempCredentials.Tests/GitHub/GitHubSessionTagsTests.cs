using AwsTempCredentials.Errors;
using AwsTempCredentials.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

public sealed class GitHubSessionTagsTests
{
    private static readonly Dictionary<string, string> Job = new()
    {
        ["GITHUB_REPOSITORY"] = "octo-org/octo-repo",
        ["GITHUB_WORKFLOW"] = "Deploy (prod) #1!",
        ["GITHUB_ACTION"] = "__aws-temp-credentials",
        ["GITHUB_ACTOR"] = "octocat",
        ["GITHUB_SHA"] = "ffac537e6cbbf934b08745a378932722df287a53",
        ["GITHUB_REF"] = "refs/heads/feature/ünïcode~1",
    };

    [Fact]
    public void Tags_are_the_ones_configure_aws_credentials_sets_sanitised()
    {
        var tags = GitHubSessionTags.Build(Job.GetValueOrDefault, null);

        Assert.Equal(
            [("GitHub", "Actions"), ("Repository", "octo-org/octo-repo"), ("Workflow", "Deploy _prod_ _1_"), ("Action", "__aws-temp-credentials"),
             ("Actor", "octocat"), ("Commit", "ffac537e6cbbf934b08745a378932722df287a53"), ("Branch", "refs/heads/feature/ünïcode_1")],
            tags.Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public void Values_are_cut_to_256_and_unset_variables_are_left_out()
    {
        var tags = GitHubSessionTags.Build(name => name == "GITHUB_WORKFLOW" ? new string('w', 300) + "😀" : null, null);
        Assert.Equal(2, tags.Count);
        Assert.Equal(256, tags[1].Value.Length);
        Assert.Equal("_", GitHubSessionTags.Sanitize("😀"));
    }

    [Fact]
    public void Custom_tags_are_added_and_checked()
    {
        var tags = GitHubSessionTags.Build(Job.GetValueOrDefault, """{"Environment": "Production", "Team": "Platform", "Tier": 2, "Live": true}""");
        Assert.Contains(tags, t => t is { Key: "Environment", Value: "Production" });
        Assert.Contains(tags, t => t is { Key: "Tier", Value: "2" });
        Assert.Contains(tags, t => t is { Key: "Live", Value: "true" });

        Assert.Throws<InvalidOptionsException>(() => GitHubSessionTags.Build(Job.GetValueOrDefault, "[1]"));
        Assert.Throws<InvalidOptionsException>(() => GitHubSessionTags.Build(Job.GetValueOrDefault, "{not json"));
        Assert.Throws<InvalidOptionsException>(() => GitHubSessionTags.Build(Job.GetValueOrDefault, """{"Repository": "x"}"""));
        Assert.Throws<InvalidOptionsException>(() => GitHubSessionTags.Build(Job.GetValueOrDefault, """{"Bad!": "x"}"""));
        Assert.Throws<InvalidOptionsException>(() => GitHubSessionTags.Build(Job.GetValueOrDefault, """{"Nested": {"a": 1}}"""));
    }
}
