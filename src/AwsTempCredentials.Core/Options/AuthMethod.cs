namespace AwsTempCredentials.Options;

/// <summary>Where the first credentials come from.</summary>
public enum AuthMethod
{
    /// <summary>IAM Roles Anywhere CreateSession signed with an X.509 certificate's key.</summary>
    RolesAnywhere,

    /// <summary>An OIDC token exchanged with STS AssumeRoleWithWebIdentity.</summary>
    WebIdentity,

    /// <summary>Access keys given as options, used as they are or to AssumeRole.</summary>
    AccessKeys,

    /// <summary>The AWS SDK's default chain (environment, profile, container or instance role), then AssumeRole.</summary>
    Ambient,
}
