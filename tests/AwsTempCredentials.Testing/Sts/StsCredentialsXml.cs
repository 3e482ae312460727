using System.Xml.Linq;
using AwsTempCredentials.Testing.Iam;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>The Credentials and AssumedRoleUser elements shared by the AssumeRole* results.</summary>
internal static class StsCredentialsXml
{
    public static XElement Credentials(StoredCredential credential) =>
        StsXml.Element("Credentials", new object[]
        {
            StsXml.Element("AccessKeyId", credential.AccessKeyId),
            StsXml.Element("SecretAccessKey", credential.SecretAccessKey),
            StsXml.Element("SessionToken", credential.SessionToken),
            StsXml.Element("Expiration", StsXml.Timestamp(credential.Expiration!.Value)),
        });

    public static XElement AssumedRoleUser(CallerPrincipal principal) =>
        StsXml.Element("AssumedRoleUser", new object[]
        {
            StsXml.Element("AssumedRoleId", principal.UserId),
            StsXml.Element("Arn", principal.Arn),
        });
}
