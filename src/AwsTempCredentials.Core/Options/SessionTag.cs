namespace AwsTempCredentials.Options;

/// <summary>An STS session tag (key ≤ 128, value ≤ 256 characters).</summary>
public sealed record SessionTag(string Key, string Value);
