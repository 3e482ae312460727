namespace AwsTempCredentials.Demo;

/// <summary>A step of the demonstration did not do what it should; the message says which and shows the output.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);
