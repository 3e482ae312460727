namespace AwsTempCredentials.Testing.Processes;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string AllOutput => Stdout + "\n" + Stderr;

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:0} ms\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
