namespace AwsTempCredentials.Http;

/// <summary>What a retried call is, for progress lines and the errors when retrying ends.</summary>
/// <param name="Operation">What is being called and where, e.g. "Roles Anywhere CreateSession at https://…".</param>
/// <param name="UnreachableHint">What to check when no attempt got an answer.</param>
/// <param name="Quota">The rate quota the call counts against; null for calls to the CI platform.</param>
public sealed record CallDescription(string Operation, string UnreachableHint, ThrottlingQuota? Quota = null);
