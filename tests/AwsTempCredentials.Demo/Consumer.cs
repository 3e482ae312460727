using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Demo;

/// <summary>
/// What uses the credentials the binary exported: Debian's AWS CLI (<c>/usr/bin/aws</c>, not whatever <c>aws</c> is
/// first on PATH) or, where it is not installed, the AWS SDK for .NET. Either signs GetCallerIdentity with them
/// (SigV4), and the fake STS verifies that signature against the credentials it issued.
/// </summary>
internal abstract class Consumer
{
    public const string AwsCliPath = "/usr/bin/aws";

    public abstract string Description { get; }

    /// <summary>Why this consumer: shown once at the top of the transcript.</summary>
    public abstract string Reason { get; }

    public abstract bool RunsCredentialProcess { get; }

    public static Consumer Best() => File.Exists(AwsCliPath) ? new AwsCli() : new Sdk($"{AwsCliPath} is not installed");

    public static Consumer Named(string name) => name switch
    {
        "aws-cli" => new AwsCli(),
        "sdk" => new Sdk("asked for"),
        _ => throw new DemoFailedException($"unknown consumer '{name}': aws-cli or sdk"),
    };

    /// <summary>GetCallerIdentity with only <paramref name="environment"/> (+PATH, HOME); returns the caller's ARN.</summary>
    public abstract Task<string> CallerArnAsync(Uri sts, IReadOnlyDictionary<string, string> environment, string home);

    private sealed class AwsCli : Consumer
    {
        public override string Description => $"the AWS CLI ({AwsCliPath})";

        public override string Reason => "Debian's awscli is installed";

        public override bool RunsCredentialProcess => true;

        public override async Task<string> CallerArnAsync(Uri sts, IReadOnlyDictionary<string, string> environment, string home)
        {
            // The Debian CLI predates AWS_ENDPOINT_URL_*, hence --endpoint-url.
            string[] arguments = ["sts", "get-caller-identity", "--endpoint-url", sts.ToString(), "--query", "Arn", "--output", "text"];
            Transcript.Command("aws", arguments);
            var variables = new Dictionary<string, string>(environment) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = home };
            var result = await ProcessRunner.RunAsync(AwsCliPath, arguments, variables, timeout: TimeSpan.FromSeconds(60));
            return result.ExitCode == 0 ? result.Stdout.Trim() : throw new DemoFailedException($"the AWS CLI failed:\n{result}");
        }
    }

    private sealed class Sdk(string why) : Consumer
    {
        public override string Description => "the AWS SDK for .NET (AmazonSecurityTokenServiceClient)";

        public override string Reason => $"instead of the AWS CLI: {why}";

        public override bool RunsCredentialProcess => false;

        public override async Task<string> CallerArnAsync(Uri sts, IReadOnlyDictionary<string, string> environment, string home)
        {
            Transcript.Detail($"AmazonSecurityTokenServiceClient(SessionAWSCredentials from the exported variables, ServiceURL = {sts}).GetCallerIdentityAsync()");
            var credentials = new SessionAWSCredentials(environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"], environment["AWS_SESSION_TOKEN"]);
            var config = new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = sts.ToString(),
                AuthenticationRegion = environment.GetValueOrDefault("AWS_REGION", "us-east-1"),
                MaxErrorRetry = 0,
            };
            using var client = new AmazonSecurityTokenServiceClient(credentials, config);
            try
            {
                return (await client.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Arn;
            }
            catch (AmazonServiceException e)
            {
                throw new DemoFailedException($"the AWS SDK's GetCallerIdentity failed: {e.ErrorCode}: {e.Message}");
            }
        }
    }
}
