using System.Net.Sockets;
using AwsTempCredentials.Errors;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Tests.Core.Hardening;

/// <summary>The one place that turns any exception into an exit code and words — never a resource key or a quoted secret.</summary>
public sealed class FailureTranslatorTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static TheoryData<Exception, int, string> Failures() => new()
    {
        { new UnauthorizedAccessException("UnauthorizedAccess_IODenied_Path, /x"), 8, "permission denied" },
        { new FileNotFoundException("IO_FileNotFound_FileName, /x"), 8, "no such file or directory" },
        { new DirectoryNotFoundException("IO_PathNotFound_Path, /x"), 8, "its directory does not exist" },
        { new IOException("IO_Error", 28), 8, "no space left on the device" },
        { new IOException("IO_Error", 30), 8, "read-only file system" },
        { new HttpRequestException("net_http_client_execution_error", new SocketException((int)SocketError.ConnectionRefused)), 5, "connection refused" },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "net_http_client_execution_error"), 5, "host name not found" },
        { new TypeInitializationException("Amazon.Runtime.Internal.FallbackInternalConfigurationFactory", new InvalidDataException($"Line 3:<{Secret}>\n in file /home/u/.aws/credentials does not contain a section, property or comment.")), 8, "/home/u/.aws/credentials: line 3" },
        { new InvalidCastException(Secret), 1, "Unexpected error: InvalidCastException." },
        { new OperationCanceledException("x", new TimeoutException()), 5, "timed out" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Any_exception_becomes_a_documented_code_with_words(Exception exception, int exitCode, string words)
    {
        var failure = FailureTranslator.Translate(exception, cancelled: false);

        Assert.Equal(exitCode, failure.ExitCode);
        Assert.Contains(words, failure.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Describe(), StringComparison.Ordinal);
        foreach (var key in new[] { "_Path", "IO_", "net_http_", "TypeInitialization_" })
        {
            Assert.DoesNotContain(key, failure.Describe(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cancellation_by_the_caller_is_exit_6_with_a_message()
    {
        var failure = FailureTranslator.Translate(new TaskCanceledException(), cancelled: true);

        Assert.Equal(6, failure.ExitCode);
        Assert.Contains("Cancelled", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_path_is_described_as_one()
    {
        Assert.Equal("it is a directory", FileProblems.Describe(new UnauthorizedAccessException(), Path.GetTempPath()));
    }
}
