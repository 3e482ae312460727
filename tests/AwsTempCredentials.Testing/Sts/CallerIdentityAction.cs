using AwsTempCredentials.Testing.Iam;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>sts:GetCallerIdentity: UserId, Account and Arn of whoever signed.</summary>
internal static class CallerIdentityAction
{
    public static string Handle(StsRequest request, StoredCredential caller) =>
        StsXml.Response("GetCallerIdentity", request.RequestId,
            StsXml.Element("Arn", caller.Principal.Arn),
            StsXml.Element("UserId", caller.Principal.UserId),
            StsXml.Element("Account", caller.Principal.AccountId));
}
