using AwsTempCredentials.Testing.Oidc;

namespace AwsTempCredentials.Testing.Iam;

/// <summary>An IAM OIDC identity provider: the issuer whose tokens STS accepts, and its client ids (allowed <c>aud</c>).</summary>
public sealed record OidcProvider(JwtIssuer Issuer, IReadOnlyList<string> ClientIds);
