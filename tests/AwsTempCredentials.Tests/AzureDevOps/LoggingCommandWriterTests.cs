using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Testing.AzureDevOps;

namespace AwsTempCredentials.Tests.AzureDevOps;

public class LoggingCommandWriterTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("semi;colon]bracket")]
    [InlineData("percent %AZP25 %3B %0A literal")]
    [InlineData("multi\nline\r\nvalue")]
    [InlineData("100% ] ; \r \n %5D")]
    public void Set_variable_round_trips_through_the_agent_unescaping(string value)
    {
        var output = new StringWriter();
        new LoggingCommandWriter(output).SetVariable("name;with]odd", value, isSecret: true, isOutput: true);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        var command = LoggingCommandParser.TryParse(lines[0])!;
        Assert.Equal("task.setvariable", command.Name);
        Assert.Equal("name;with]odd", command.Property("variable"));
        Assert.True(command.Flag("issecret"));
        Assert.True(command.Flag("isoutput"));
        Assert.Equal(value, command.Data);
    }

    [Fact]
    public void Commands_have_the_agent_syntax()
    {
        var output = new StringWriter();
        var writer = new LoggingCommandWriter(output);
        writer.SetSecret("s3cr%t");
        writer.SetTaskVariable("AWSTC_FILE_1", "/tmp/a b/credentials");
        writer.LogIssue(IssueType.Error, "bad\ninput");
        writer.Complete(TaskResult.Failed, "done");
        writer.UploadSummary("/tmp/summary.md");
        writer.SetVariable("AWS_PROFILE", "dev");

        Assert.Equal(
            "##vso[task.setsecret]s3cr%AZP25t\n" +
            "##vso[task.settaskvariable variable=AWSTC_FILE_1]/tmp/a b/credentials\n" +
            "##vso[task.logissue type=error]bad%0Ainput\n" +
            "##vso[task.complete result=Failed]done\n" +
            "##vso[task.uploadsummary]/tmp/summary.md\n" +
            "##vso[task.setvariable variable=AWS_PROFILE]dev\n",
            output.ToString());
    }

    [Fact]
    public void Plain_and_debug_lines_cannot_inject_commands()
    {
        var output = new StringWriter();
        var writer = new LoggingCommandWriter(output);
        writer.Line("claims: sub=##vso[task.setvariable variable=X]y");
        writer.Debug("first\n##vso[task.complete result=Succeeded]");

        var parsed = LoggingCommandParser.Parse(output.ToString());
        Assert.Empty(parsed.Commands);
        Assert.Equal(3, parsed.PlainLines.Count);
        Assert.StartsWith("##[debug]", parsed.PlainLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Later_steps_see_plain_variables_only()
    {
        var parsed = LoggingCommandParser.Parse(
            "##vso[task.setvariable variable=AWS.Region]eu-west-1\n" +
            "##vso[task.setvariable variable=AWS.SecretAccessKey;issecret=true]x\n" +
            "##vso[task.setvariable variable=AWS_ACCESS_KEY_ID]\n" +
            "##vso[task.setvariable variable=awsAccountId;isoutput=true]123456789012\n");

        var later = parsed.LaterStepVariables();
        Assert.Equal("eu-west-1", later["AWS_REGION"]);
        Assert.Equal(string.Empty, later["AWS_ACCESS_KEY_ID"]);
        Assert.False(later.ContainsKey("AWS_SECRETACCESSKEY"));
        Assert.Equal(["x"], parsed.MaskedValues);
    }
}
