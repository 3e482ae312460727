using AwsTempCredentials.Demo;

// aws-temp-credentials doing its job with no AWS account: the project's own strict fakes of IAM Roles Anywhere and
// STS on loopback, a test CA and an OIDC issuer; the binary under demonstration gets credentials both ways, and a real
// consumer (the AWS CLI, or the AWS SDK for .NET) signs a call with them that the fake STS verifies.
//
// Usage: AwsTempCredentials.Demo <path to aws-temp-credentials> [--consumer aws-cli|sdk]   (tests/demo.sh runs it)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: AwsTempCredentials.Demo <path to aws-temp-credentials> [--consumer aws-cli|sdk]");
    return args.Length == 0 ? 2 : 0;
}

var binary = Path.GetFullPath(args[0]);
if (!File.Exists(binary))
{
    Console.Error.WriteLine($"demo: no binary at {binary}: publish it first (tests/demo.sh does).");
    return 2;
}

var consumer = args.Length >= 3 && args[1] == "--consumer" ? Consumer.Named(args[2]) : Consumer.Best();
try
{
    return await Demonstration.RunAsync(binary, consumer) ? 0 : 1;
}
catch (DemoFailedException e)
{
    Console.Error.WriteLine($"demo failed: {e.Message}");
    return 1;
}
