namespace AwsTempCredentials.Options;

/// <summary>Booleans as the GitHub Actions toolkit reads them; anything else is an error naming the option.</summary>
public static class BooleanOption
{
    public static bool? TryParse(string value) => value switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };
}
