using System.Globalization;
using System.Xml.Linq;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>The AWS Query protocol XML STS answers with.</summary>
internal static class StsXml
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static string Response(string action, string requestId, params object?[] resultContent) =>
        new XDocument(
            new XElement(Ns + $"{action}Response",
                new XElement(Ns + $"{action}Result", resultContent),
                new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)))).ToString(SaveOptions.None);

    public static string Error(string type, string code, string message, string requestId) =>
        new XDocument(
            new XElement(Ns + "ErrorResponse",
                new XElement(Ns + "Error",
                    new XElement(Ns + "Type", type),
                    new XElement(Ns + "Code", code),
                    new XElement(Ns + "Message", message)),
                new XElement(Ns + "RequestId", requestId))).ToString(SaveOptions.None);

    public static XElement Element(string name, object? content) => new(Ns + name, content);

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
