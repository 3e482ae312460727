using System.Diagnostics;
using AwsTempCredentials.Errors;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Tests.Core.Hardening;

/// <summary>Every input read is bounded and gives way to cancellation, even when the kernel blocks.</summary>
public sealed class BoundedInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_endless_device_stops_at_1_MiB_with_the_option_named()
    {
        var error = await Assert.ThrowsAsync<InvalidOptionsException>(() => BoundedInput.ReadFileAsync("certificate", "/dev/zero", CancellationToken.None));

        Assert.Equal("certificate", error.Errors[0].Option);
        Assert.Contains("larger than 1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_without_a_writer_gives_way_to_cancellation()
    {
        var fifo = Path.Combine(_directory, "fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BoundedInput.ReadFileAsync("certificate", fifo, cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_missing_file_is_described_in_words()
    {
        var error = await Assert.ThrowsAsync<InvalidOptionsException>(() => BoundedInput.ReadFileAsync("private-key", Path.Combine(_directory, "absent"), CancellationToken.None));

        Assert.Contains("no such file or directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IO_", error.Message, StringComparison.Ordinal);
    }
}
