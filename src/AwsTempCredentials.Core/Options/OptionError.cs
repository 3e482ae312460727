namespace AwsTempCredentials.Options;

/// <summary>One problem with one option. The message never repeats a secret value.</summary>
public sealed record OptionError(string Option, string Message)
{
    public override string ToString() => $"{Option}: {Message}";
}
