namespace AwsTempCredentials.Options;

public static class AuthMethodExtensions
{
    /// <summary>The method's <c>auth-method</c> option value: roles-anywhere, web-identity, access-keys, ambient.</summary>
    public static string OptionValue(this AuthMethod method) => method switch
    {
        AuthMethod.RolesAnywhere => "roles-anywhere",
        AuthMethod.WebIdentity => "web-identity",
        AuthMethod.AccessKeys => "access-keys",
        _ => "ambient",
    };
}
