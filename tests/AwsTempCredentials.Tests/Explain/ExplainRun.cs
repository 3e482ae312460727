using System.Text.Json;
using System.Text.RegularExpressions;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>One test's <see cref="FakeAws"/> and the product binary (explain, or a credential run) against it, with files in a temporary directory.</summary>
internal sealed class ExplainRun : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-explain-").FullName;

    private ExplainRun(FakeAws aws) => Aws = aws;

    public FakeAws Aws { get; }

    public static async Task<ExplainRun> StartAsync() => new(await FakeAws.StartAsync());

    public async ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await Aws.DisposeAsync();
    }

    public string File(string name, string content)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}-{name}");
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public Dictionary<string, string> Environment() => new(ProcessRunner.BaseEnvironment())
    {
        ["HOME"] = _directory,
        ["AWS_ENDPOINT_URL_STS"] = Aws.StsUrl.ToString(),
        ["AWS_ENDPOINT_URL_ROLESANYWHERE"] = Aws.RolesAnywhereUrl.ToString(),
    };

    public Task<ProcessResult> RunAsync(params string[] arguments) => ProcessRunner.RunAsync(ProductBinary.Path, arguments, Environment());

    /// <summary>explain with <c>--output json</c>: exit 0, nothing on stderr, and the parsed document.</summary>
    public async Task<(JsonElement Json, ProcessResult Result)> ExplainJsonAsync(params string[] arguments)
    {
        var result = await RunAsync(["explain", .. arguments, "--output", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        return (document.RootElement.Clone(), result);
    }

    /// <summary>Asserts a <c>  name:   value</c> line of the text output.</summary>
    public static void AssertField(string text, string name, string value) =>
        Assert.Matches(new Regex($@"(?m)^  {Regex.Escape(name)}:\s+{Regex.Escape(value)}(\s|$)"), text);

    public static string Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetString()!;
    }
}
