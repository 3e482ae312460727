namespace AwsTempCredentials; internal static class Placeholder { }
