using System.Security.Cryptography;
using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.KeyMaterial.Pkcs11;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Tests.Core.KeyMaterial;

/// <summary>RFC 7512 URIs as the options give them, the key-source rules, and the ECDSA signature re-encoding.</summary>
public sealed class Pkcs11UriTests
{
    private const string Pin = "7391-2846";

    [Fact]
    public void Path_and_query_attributes_are_read_and_percent_decoded()
    {
        Assert.Null(Pkcs11Uri.TryParse("pkcs11:token=CI%20Token;manufacturer=SoftHSM%20project;serial=abc123;model=SoftHSM%20v2;slot-id=7;object=build%3Bagent;id=%01%a2;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so&module-name=softhsm2", out var uri));

        Assert.Equal("CI Token", uri!.Token);
        Assert.Equal("SoftHSM project", uri.Manufacturer);
        Assert.Equal("abc123", uri.Serial);
        Assert.Equal("SoftHSM v2", uri.Model);
        Assert.Equal(7UL, uri.SlotId);
        Assert.Equal("build;agent", uri.ObjectLabel);
        Assert.Equal(new byte[] { 0x01, 0xa2 }, uri.Id);
        Assert.Equal("private", uri.Type);
        Assert.Equal("/usr/lib/softhsm/libsofthsm2.so", uri.ModulePath);
        Assert.Equal("softhsm2", uri.ModuleName);
        Assert.Equal("object 'build;agent' with id 01a2", uri.DescribeObject());
    }

    [Theory]
    [InlineData("token=ci", "starting with 'pkcs11:'")]
    [InlineData("pkcs11:token=ci;token=ci2", "gives 'token' twice")]
    [InlineData("pkcs11:library-description=x", "does not select by")]
    [InlineData("pkcs11:token=ci;type=secret-key", "type=private")]
    [InlineData("pkcs11:slot-id=one", "not a decimal number")]
    [InlineData("pkcs11:id=%zz", "malformed percent-encoding")]
    [InlineData("pkcs11:token=ci?pin-value=" + Pin, "the PIN is never part of the URI")]
    [InlineData("pkcs11:token=ci?pin-source=file:/run/pin", "pkcs11-pin")]
    [InlineData("pkcs11:token=ci?module-dir=/x", "module-path and module-name")]
    public void Malformed_uris_are_refused_in_plain_words_without_quoting_a_pin(string text, string fragment)
    {
        var problem = Pkcs11Uri.TryParse(text, out var uri);

        Assert.Null(uri);
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parser_builds_a_token_reference_whose_text_never_shows_the_pin()
    {
        var request = CredentialRequestParser.Parse(RolesAnywhere((OptionNames.Pkcs11Uri, "pkcs11:token=ci;object=agent"), (OptionNames.Pkcs11Pin, Pin)));

        Assert.Equal(AuthMethod.RolesAnywhere, request.Method);
        var token = Assert.IsType<Pkcs11KeyReference>(request.KeyMaterial.Pkcs11);
        Assert.Equal(Pin, token.Pin);
        Assert.Equal("ci", token.Uri.Token);
        Assert.DoesNotContain(Pin, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private-key", "and private-key are both given")]
    [InlineData("private-key-passphrase", "and private-key-passphrase are both given")]
    [InlineData("module-without-uri", "is required with pkcs11-module")]
    [InlineData("pin-in-uri", "pin-value")]
    public void Mixed_or_incomplete_key_sources_name_the_options(string problem, string fragment)
    {
        var options = problem == "module-without-uri"
            ? RolesAnywhere((OptionNames.Pkcs11Module, "/usr/lib/softhsm/libsofthsm2.so"))
            : RolesAnywhere((OptionNames.Pkcs11Uri, problem == "pin-in-uri" ? $"pkcs11:token=ci?pin-value={Pin}" : "pkcs11:token=ci"));
        var keys = problem switch
        {
            "private-key" => new KeyMaterialInput(null, "-----BEGIN PRIVATE KEY-----"u8.ToArray(), null, null),
            "private-key-passphrase" => new KeyMaterialInput(null, null, null, "secret"),
            _ => KeyMaterialInput.Empty,
        };

        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(options, keys));

        var single = Assert.Single(error.Errors, e => e.Option == OptionNames.Pkcs11Uri);
        Assert.Contains(fragment, single.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    [InlineData(521)]
    public void Raw_ecdsa_signatures_become_the_der_form_that_verifies(int bits)
    {
        using var key = ECDsa.Create(bits switch { 256 => ECCurve.NamedCurves.nistP256, 384 => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 });
        var data = "AWS4-X509-ECDSA-SHA256\n20260101T000000Z"u8.ToArray();
        for (var i = 0; i < 32; i++)
        {
            // A token signs the digest and returns r‖s (IEEE P1363), leading zero bytes included.
            var raw = key.SignHash(SHA256.HashData(data), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            var der = Pkcs11SignatureKey.RawToDer(raw);

            Assert.True(key.VerifyData(data, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    private static Dictionary<string, string> RolesAnywhere(params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>
        {
            [OptionNames.TrustAnchorArn] = "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666",
            [OptionNames.ProfileArn] = "arn:aws:rolesanywhere:us-east-1:111122223333:profile/1a2b3c4d-1111-2222-3333-444455556666",
            [OptionNames.RoleToAssume] = "arn:aws:iam::111122223333:role/deploy",
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }
}
