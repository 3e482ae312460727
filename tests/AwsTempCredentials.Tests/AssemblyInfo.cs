// The tests drive Linux processes (the AWS CLI, node, podman) and check Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
