namespace AwsTempCredentials.Testing;

/// <summary>How <see cref="FakeAws"/> starts its fakes.</summary>
public sealed record FakeAwsOptions
{
    /// <summary>Serve both fakes over HTTPS with the test TLS certificate (trust <see cref="FakeAws.CaBundlePath"/>).</summary>
    public bool Https { get; init; }

    /// <summary>The Roles Anywhere endpoint's region (trust anchors and profiles are created in it by default).</summary>
    public string RolesAnywhereRegion { get; init; } = "us-east-1";

    /// <summary>Regions STS accepts in the SigV4 scope; null accepts any well-formed region.</summary>
    public IReadOnlyCollection<string>? StsSigningRegions { get; init; }

    /// <summary>The clock both fakes use (expiry, skew checks).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Test PKI for the TLS certificate; <see cref="Pki.TestPki.Shared"/> by default.</summary>
    public Pki.TestPki? Pki { get; init; }
}
