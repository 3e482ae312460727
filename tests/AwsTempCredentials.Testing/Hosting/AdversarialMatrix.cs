namespace AwsTempCredentials.Testing.Hosting;

/// <summary>
/// Records each adversarial case (name, exit code, time to fail) to the file named by <c>AWSTC_MATRIX_FILE</c>, when
/// set, so a run can report the matrix's counts and median time to fail. Without the variable it records nothing.
/// </summary>
public static class AdversarialMatrix
{
    public const string FileVariable = "AWSTC_MATRIX_FILE";

    private static readonly Lock Gate = new();

    public static void Record(string host, string name, int exitCode, TimeSpan elapsed)
    {
        if (Environment.GetEnvironmentVariable(FileVariable) is not { Length: > 0 } path)
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(path, $"{host}\t{name}\t{exitCode}\t{elapsed.TotalMilliseconds:0}\n");
        }
    }
}
