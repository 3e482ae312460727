namespace AwsTempCredentials.Errors;

/// <summary>The certificate, chain or private key cannot be read or used (format, passphrase, mismatch, validity).</summary>
public sealed class KeyMaterialException(string message, string? hint = null, Exception? innerException = null)
    : CredentialException(message, hint, innerException)
{
    public override int ExitCode => ExitCodes.InvalidKeyMaterial;
}
