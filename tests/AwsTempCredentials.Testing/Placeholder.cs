namespace AwsTempCredentials.Testing; internal static class Placeholder { }
