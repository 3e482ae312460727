using System.CommandLine;
using AwsTempCredentials.Cli;

var root = CliCommand.Create(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.OpenStandardInput);
var parse = root.Parse(args);
return await parse.InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = Console.Error });
