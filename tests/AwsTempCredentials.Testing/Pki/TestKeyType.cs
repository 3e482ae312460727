namespace AwsTempCredentials.Testing.Pki;

/// <summary>The key types the test PKI issues (the ones IAM Roles Anywhere accepts).</summary>
public enum TestKeyType
{
    Rsa2048,
    Rsa3072,
    EcP256,
    EcP384,
    EcP521,
}
