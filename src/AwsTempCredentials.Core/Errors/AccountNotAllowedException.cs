namespace AwsTempCredentials.Errors;

/// <summary>The credentials belong to an account outside <c>allowed-account-ids</c>. Nothing is exported.</summary>
public sealed class AccountNotAllowedException(string accountDescription, IReadOnlyCollection<string> allowed)
    : CredentialException(
        $"The credentials belong to account {accountDescription}, which is not in allowed-account-ids ({string.Join(", ", allowed)}). Nothing was exported.",
        "Check role-to-assume and role-chaining point at the intended account, or add the account to allowed-account-ids.")
{
    public override int ExitCode => ExitCodes.AccountNotAllowed;
}
