using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace AwsTempCredentials.Testing.Iam;

/// <summary>Identifiers shaped like AWS's: access key ids, secrets, session tokens, unique ids, ARNs.</summary>
public static partial class AwsIdentifiers
{
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>"AKIA" + 16 (long-term IAM user key).</summary>
    public static string NewUserAccessKeyId() => "AKIA" + RandomString(UpperAlphanumeric, 16);

    /// <summary>"ASIA" + 16 (temporary credentials).</summary>
    public static string NewTemporaryAccessKeyId() => "ASIA" + RandomString(UpperAlphanumeric, 16);

    public static string NewSecretAccessKey() => RandomString(SecretAlphabet, 40);

    /// <summary>A long opaque token like STS's (several hundred base64 characters).</summary>
    public static string NewSessionToken() => "IQoJb3JpZ2luX2VjE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(420));

    public static string NewRoleId() => "AROA" + RandomString(UpperAlphanumeric, 17);

    public static string NewUserId() => "AIDA" + RandomString(UpperAlphanumeric, 17);

    public static string NewAccountId() => "1" + RandomString("0123456789", 11);

    public static bool IsPartition(string value) => value is "aws" or "aws-cn" or "aws-us-gov";

    /// <summary><c>arn:{partition}:iam::{account}:role/{path/}{name}</c>.</summary>
    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>\d{12}):role/(?:[\x21-\x7E]+/)?(?<name>[\w+=,.@-]{1,64})$")]
    public static partial Regex RoleArn();

    /// <summary><c>arn:{partition}:iam::{account}:user/{path/}{name}</c>.</summary>
    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>\d{12}):user/(?:[\x21-\x7E]+/)?(?<name>[\w+=,.@-]{1,64})$")]
    public static partial Regex UserArn();

    /// <summary>A role session name: 2..64 of <c>[\w+=,.@-]</c>.</summary>
    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    public static partial Regex RoleSessionName();

    private static string RandomString(string alphabet, int length) =>
        new(RandomNumberGenerator.GetItems<char>(alphabet, length));
}
