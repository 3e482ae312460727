using AwsTempCredentials.GitHub;
using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

public sealed class WorkflowCommandFormatTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("100% sure\r\nsecond line\nthird:with,commas")]
    [InlineData("%0A is not a newline")]
    public void Commands_round_trip_through_the_runner_parser(string message)
    {
        var output = new StringWriter();
        var writer = new WorkflowCommandWriter(output);
        writer.Error(message, "title: with, specials");
        writer.AddMask(message);

        var commands = WorkflowCommandParser.Parse(output.ToString());
        Assert.Equal(2, commands.Count);
        Assert.Equal("error", commands[0].Name);
        Assert.Equal(message, commands[0].Data);
        Assert.Equal("title: with, specials", commands[0].Properties["title"]);
        Assert.Equal("add-mask", commands[1].Name);
        Assert.Equal(message, commands[1].Data);
        Assert.Equal(2, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_value_is_masked_once_and_info_lines_never_read_as_commands()
    {
        var output = new StringWriter();
        var writer = new WorkflowCommandWriter(output);
        writer.AddMask("s3cr3t-value");
        writer.AddMask("s3cr3t-value");
        writer.AddMask("  ");
        writer.Info("::add-mask::not a command\nsecond");

        Assert.Single(WorkflowCommandParser.Parse(output.ToString()));
    }

    [Fact]
    public void File_commands_round_trip_through_the_runner_parser_including_newlines()
    {
        var values = new List<KeyValuePair<string, string>>
        {
            new("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"),
            new("AWS_SESSION_TOKEN", string.Empty),
            new("MULTI", "line one\nline two=still\nNAME<<EOF"),
            new("AWS_SECRET_ACCESS_KEY", "a/b+c=d%0A"),
        };
        var text = FileCommandFile.Format(values);

        Assert.Matches("^AWS_ACCESS_KEY_ID<<ghadelimiter_[0-9a-f-]{36}\n", text);
        var parsed = FileCommandParser.Parse("EXISTING=kept\n" + text);
        Assert.Equal("kept", parsed["EXISTING"]);
        foreach (var (name, value) in values)
        {
            Assert.Equal(value, parsed[name]);
        }
    }

    [Fact]
    public void A_file_command_refuses_bad_names()
    {
        Assert.Throws<AwsTempCredentials.Errors.PlatformException>(() => FileCommandFile.Format([new("A=B", "x")]));
    }
}
