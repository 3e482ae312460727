using System.Globalization;
using System.Text;

namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// A PKCS#11 URI (RFC 7512, https://www.rfc-editor.org/rfc/rfc7512) naming a token and an object on it:
/// <c>pkcs11:token=ci;object=build-agent;type=private</c>. Path attributes token, manufacturer, serial, model,
/// slot-id, object, id and type select; the query attributes module-path and module-name say which module to load.
/// pin-value and pin-source are refused: the PIN is given as <c>pkcs11-pin</c>, a secret, never inside a URI
/// that is logged and shown on command lines.
/// </summary>
public sealed record Pkcs11Uri
{
    private static readonly string[] PathAttributes = ["token", "manufacturer", "serial", "model", "slot-id", "object", "id", "type"];
    private static readonly string[] Types = ["private", "cert"];

    public string? Token { get; private init; }

    public string? Manufacturer { get; private init; }

    public string? Serial { get; private init; }

    public string? Model { get; private init; }

    public ulong? SlotId { get; private init; }

    /// <summary>The object's label (CKA_LABEL).</summary>
    public string? ObjectLabel { get; private init; }

    /// <summary>The object's CKA_ID bytes.</summary>
    public byte[]? Id { get; private init; }

    /// <summary><c>private</c>, <c>cert</c> or null: which object the URI was copied from; both are looked up either way.</summary>
    public string? Type { get; private init; }

    public string? ModulePath { get; private init; }

    public string? ModuleName { get; private init; }

    /// <summary>The object named, for messages: label and id, never anything secret.</summary>
    public string DescribeObject() =>
        (ObjectLabel, Id) switch
        {
            (null, null) => "any object",
            ({ } label, null) => $"object '{label}'",
            (null, { } id) => $"id {Convert.ToHexStringLower(id)}",
            ({ } label, { } id) => $"object '{label}' with id {Convert.ToHexStringLower(id)}",
        };

    /// <summary>Parses; returns the problem in plain words (without quoting a pin-value) or null.</summary>
    public static string? TryParse(string text, out Pkcs11Uri? uri)
    {
        uri = null;
        if (!text.StartsWith("pkcs11:", StringComparison.OrdinalIgnoreCase))
        {
            return "must be a PKCS#11 URI (RFC 7512) starting with 'pkcs11:', e.g. pkcs11:token=ci;object=build-agent.";
        }

        var body = text[7..];
        var question = body.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? body : body[..question];
        var query = question < 0 ? string.Empty : body[(question + 1)..];
        var result = new Pkcs11Uri();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var part in path.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, raw, problem) = Split(part);
            if (problem is not null)
            {
                return problem;
            }

            if (!PathAttributes.Contains(name))
            {
                return $"has the attribute '{name}', which this tool does not select by; use {string.Join(", ", PathAttributes)}.";
            }

            if (!seen.Add(name))
            {
                return $"gives '{name}' twice.";
            }

            if (Decode(raw) is not { } bytes)
            {
                return $"has a malformed percent-encoding in '{name}'.";
            }

            var value = Encoding.UTF8.GetString(bytes);
            switch (name)
            {
                case "token": result = result with { Token = value }; break;
                case "manufacturer": result = result with { Manufacturer = value }; break;
                case "serial": result = result with { Serial = value }; break;
                case "model": result = result with { Model = value }; break;
                case "object": result = result with { ObjectLabel = value }; break;
                case "id": result = result with { Id = bytes }; break;
                case "slot-id":
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
                    {
                        return $"has slot-id '{value}', which is not a decimal number.";
                    }

                    result = result with { SlotId = slot };
                    break;
                case "type":
                    if (!Types.Contains(value))
                    {
                        return $"has type '{value}'; a Roles Anywhere key is named by type=private (or type=cert for its certificate).";
                    }

                    result = result with { Type = value };
                    break;
            }
        }

        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, raw, problem) = Split(part);
            if (problem is not null)
            {
                return problem;
            }

            if (name is "pin-value" or "pin-source")
            {
                return $"holds {name}: the PIN is never part of the URI, which is logged and visible on command lines. Remove it and give the PIN as pkcs11-pin (a secret).";
            }

            if (name is not ("module-path" or "module-name"))
            {
                return $"has the query attribute '{name}'; this tool reads module-path and module-name.";
            }

            if (!seen.Add(name))
            {
                return $"gives '{name}' twice.";
            }

            if (Decode(raw) is not { } bytes)
            {
                return $"has a malformed percent-encoding in '{name}'.";
            }

            var value = Encoding.UTF8.GetString(bytes);
            result = name == "module-path" ? result with { ModulePath = value } : result with { ModuleName = value };
        }

        uri = result;
        return null;
    }

    private static (string Name, string Value, string? Problem) Split(string part)
    {
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? (part, string.Empty, $"has '{(part.StartsWith("pin", StringComparison.Ordinal) ? "pin…" : part)}' without a value; attributes are name=value.")
            : (part[..equals], part[(equals + 1)..], null);
    }

    /// <summary>RFC 3986 percent-decoding to bytes (an id is binary).</summary>
    private static byte[]? Decode(string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
                continue;
            }

            if (i + 2 >= value.Length || !byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return null;
            }

            bytes.Add(b);
            i += 2;
        }

        return [.. bytes];
    }
}
