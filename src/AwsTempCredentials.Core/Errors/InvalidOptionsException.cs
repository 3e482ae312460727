using AwsTempCredentials.Options;

namespace AwsTempCredentials.Errors;

/// <summary>One or more options are missing, malformed or contradict each other. Raised before any network call.</summary>
public sealed class InvalidOptionsException : CredentialException
{
    public InvalidOptionsException(IReadOnlyList<OptionError> errors)
        : base(Summarize(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<OptionError> Errors { get; }

    public override int ExitCode => ExitCodes.InvalidOptions;

    private static string Summarize(IReadOnlyList<OptionError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems with the options:" + string.Concat(errors.Select(e => $"\n  - {e}"));
}
