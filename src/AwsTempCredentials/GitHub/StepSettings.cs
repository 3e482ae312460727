using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Options;
using Names = AwsTempCredentials.GitHub.CompatibilityInputNames;

namespace AwsTempCredentials.GitHub;

/// <summary>The configure-aws-credentials inputs that shape this step's behaviour, parsed and checked.</summary>
internal sealed record StepSettings
{
    public bool OutputCredentials { get; init; }

    /// <summary>Default true, except with aws-profile (then the profile is the output), as in configure-aws-credentials.</summary>
    public bool OutputEnvCredentials { get; init; } = true;

    public bool DisableRetry { get; init; }

    public bool UnsetCurrentCredentials { get; init; }

    public bool UseExistingCredentials { get; init; }

    public bool ForceSkipOidc { get; init; }

    public bool OverwriteAwsProfile { get; init; }

    public bool SpecialCharactersWorkaround { get; init; }

    public string? HttpProxy { get; init; }

    public string? NoProxy { get; init; }

    public Uri? StsEndpoint { get; init; }

    public string? CustomTags { get; init; }

    /// <summary>Reads the step inputs; throws <see cref="InvalidOptionsException"/> naming every bad one.</summary>
    public static StepSettings Read(InputVariables inputs)
    {
        var errors = new List<OptionError>();
        var profileGiven = inputs.Get(OptionNames.AwsProfile) is not null;
        Uri? stsEndpoint = null;
        if (inputs.Get(Names.StsEndpoint) is { } sts
            && (!Uri.TryCreate(sts, UriKind.Absolute, out stsEndpoint) || stsEndpoint.Scheme is not ("https" or "http")))
        {
            errors.Add(new OptionError(Names.StsEndpoint, $"'{sts}' is not an http(s) URL."));
        }

        var proxy = inputs.Get(Names.HttpProxy);
        if (proxy is not null)
        {
            // The broker's own rule (host:port is accepted; a password is never repeated).
            try
            {
                Http.ProxySettings.Parse(proxy, bypass: null, Names.HttpProxy);
            }
            catch (InvalidOptionsException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        var settings = new StepSettings
        {
            OutputCredentials = inputs.GetBoolean(Names.OutputCredentials, false, errors),
            OutputEnvCredentials = inputs.GetBoolean(Names.OutputEnvCredentials, !profileGiven, errors),
            DisableRetry = inputs.GetBoolean(Names.DisableRetry, false, errors),
            UnsetCurrentCredentials = inputs.GetBoolean(Names.UnsetCurrentCredentials, false, errors),
            UseExistingCredentials = inputs.GetBoolean(Names.UseExistingCredentials, false, errors),
            ForceSkipOidc = inputs.GetBoolean(Names.ForceSkipOidc, false, errors),
            OverwriteAwsProfile = inputs.GetBoolean(Names.OverwriteAwsProfile, false, errors),
            SpecialCharactersWorkaround = inputs.GetBoolean(Names.SpecialCharactersWorkaround, false, errors),
            HttpProxy = proxy,
            NoProxy = inputs.Get(Names.NoProxy),
            StsEndpoint = stsEndpoint,
            CustomTags = inputs.Get(Names.CustomTags),
        };

        return errors.Count > 0 ? throw new InvalidOptionsException(errors) : settings;
    }
}
