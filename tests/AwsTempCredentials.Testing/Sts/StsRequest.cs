using System.Text;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>An AWS Query request as received: raw body bytes and the decoded form parameters.</summary>
internal sealed class StsRequest
{
    private StsRequest(HttpContext context, byte[] body, IReadOnlyDictionary<string, string> parameters, string requestId)
    {
        Context = context;
        Body = body;
        Parameters = parameters;
        RequestId = requestId;
    }

    public HttpContext Context { get; }

    public byte[] Body { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string RequestId { get; }

    public string Action => Get("Action") ?? string.Empty;

    public string? Get(string name) => Parameters.GetValueOrDefault(name);

    /// <summary>Values of a Query-protocol list: <c>{prefix}.member.1</c>, <c>.member.2</c>… (stops at the first gap).</summary>
    public IReadOnlyList<string> List(string prefix, string suffix = "")
    {
        var values = new List<string>();
        for (var i = 1; Parameters.TryGetValue($"{prefix}.member.{i}{suffix}", out var value); i++)
        {
            values.Add(value);
        }

        return values;
    }

    public static async Task<StsRequest> ReadAsync(HttpContext context, string requestId)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var contentType = context.Request.ContentType ?? string.Empty;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw new StsError(405, "InvalidAction", "This fake speaks the Query protocol over POST only.");
        }

        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw StsError.Validation($"Unsupported content type {contentType}; the Query protocol posts application/x-www-form-urlencoded.");
        }

        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var name = Decode(kv[0]);
            if (!parameters.TryAdd(name, kv.Length > 1 ? Decode(kv[1]) : string.Empty))
            {
                throw StsError.Validation($"Parameter {name} is given twice.");
            }
        }

        return new StsRequest(context, body, parameters, requestId);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
