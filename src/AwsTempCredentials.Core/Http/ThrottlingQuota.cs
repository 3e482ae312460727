namespace AwsTempCredentials.Http;

/// <summary>The quota a call counts against, for the error when throttling outlasts the budget.</summary>
/// <param name="Name">The quota as the service names it, e.g. "Rate of CreateSession requests (10 per second by default)".</param>
/// <param name="Account">The account whose quota it is, when known.</param>
/// <param name="Region">The region whose quota it is, when known.</param>
/// <param name="HowToRaise">Where to ask for more.</param>
public sealed record ThrottlingQuota(string Name, string? Account, string? Region, string HowToRaise)
{
    /// <summary>"account 111122223333 in eu-west-1", or as much of it as is known.</summary>
    public string Scope => (Account, Region) switch
    {
        ({ } account, { } region) => $"account {account} in {region}",
        ({ } account, null) => $"account {account}",
        (null, { } region) => $"this account in {region}",
        _ => "this account",
    };
}
