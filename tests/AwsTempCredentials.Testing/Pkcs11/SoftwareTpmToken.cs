using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.Pkcs11;

/// <summary>
/// A TPM 2.0 in software behind tpm2-pkcs11, as a self-hosted agent with a TPM would use it (Debian packages swtpm,
/// tpm2-abrmd, libtpm2-pkcs11-1, libtpm2-pkcs11-tools, opensc): swtpm on two loopback ports, tpm2-abrmd as the
/// resource manager on a private D-Bus session bus (without one, tpm2_ptool runs the TPM out of object slots), a
/// tpm2-pkcs11 store in a temporary directory with one token, its keys created inside the TPM by tpm2_ptool.
/// Every process started here is stopped by its id.
/// </summary>
public sealed class SoftwareTpmToken : IDisposable
{
    /// <summary>tpm2-pkcs11's module in Debian's multiarch directory of this machine.</summary>
    public static readonly string ModulePath =
        $"/usr/lib/{(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64")}-linux-gnu/libtpm2_pkcs11.so.1";
    public const string Label = "tpm";
    public const string Pin = "tpm-user-2468";
    private const string SoPin = "tpm-so-1357";

    private readonly string _directory;
    private readonly List<int> _processIds = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    private SoftwareTpmToken(string directory) => _directory = directory;

    /// <summary>TPM2_PKCS11_TCTI, TPM2_PKCS11_STORE and the session bus: the module's own configuration.</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    public string StorePath => Path.Combine(_directory, "store");

    public static string? Unavailable()
    {
        foreach (var (path, package) in new[]
        {
            ("/usr/bin/swtpm", "swtpm"), ("/usr/sbin/tpm2-abrmd", "tpm2-abrmd"), ("/usr/bin/dbus-daemon", "dbus"),
            ("/usr/bin/tpm2_ptool", "libtpm2-pkcs11-tools"), (ModulePath, "libtpm2-pkcs11-1"), (SoftHsmToken.Pkcs11ToolPath, "opensc"),
            ("/usr/bin/tpm2_getrandom", "tpm2-tools"),
        })
        {
            if (!File.Exists(path))
            {
                return $"{path} is missing (Debian package {package})";
            }
        }

        return null;
    }

    public static async Task<SoftwareTpmToken> CreateAsync()
    {
        var token = new SoftwareTpmToken(Directory.CreateTempSubdirectory("awstc-swtpm-").FullName);
        try
        {
            await token.StartAsync();
            return token;
        }
        catch
        {
            token.Dispose();
            throw;
        }
    }

    /// <summary>A key created inside the TPM (ecc256, ecc384 or rsa2048), a certificate for it written next to it; returns the certificate.</summary>
    public async Task<X509Certificate2> AddIdentityAsync(TestCertificateAuthority issuer, string keyLabel, string id, string algorithm)
    {
        await RunAsync("/usr/bin/tpm2_ptool", ["addkey", $"--algorithm={algorithm}", $"--label={Label}", $"--userpin={Pin}", $"--key-label={keyLabel}", $"--id={id}", $"--path={StorePath}"]);
        var idHex = Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(id));
        PublicKey publicKey;
        if (algorithm.StartsWith("ecc", StringComparison.Ordinal))
        {
            var listing = await RunAsync(SoftHsmToken.Pkcs11ToolPath, ["--module", ModulePath, "--token-label", Label, "--list-objects", "--type", "pubkey", "--id", idHex]);
            publicKey = SoftHsmToken.EcPublicKeyFromListing(listing, algorithm == "ecc384" ? "EC:secp384r1" : "EC:prime256v1");
        }
        else
        {
            var file = Path.Combine(_directory, $"pub-{Guid.NewGuid():N}.der");
            await RunAsync(SoftHsmToken.Pkcs11ToolPath, ["--module", ModulePath, "--token-label", Label, "--read-object", "--type", "pubkey", "--id", idHex, "--output-file", file]);
            publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(await File.ReadAllBytesAsync(file), out _);
        }

        var certificate = issuer.IssueLeafFor($"{keyLabel} (TPM {algorithm})", publicKey);
        var pem = Path.Combine(_directory, $"cert-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
        await RunAsync("/usr/bin/tpm2_ptool", ["addcert", $"--label={Label}", $"--key-label={keyLabel}", $"--path={StorePath}", pem]);
        return certificate;
    }

    public void Dispose()
    {
        foreach (var id in Enumerable.Reverse(_processIds))
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "state"));
        Directory.CreateDirectory(StorePath);
        // The swtpm TCTI finds the control channel on the next port up.
        var (port, control) = FreePortPair();
        var pidFile = Path.Combine(_directory, "swtpm.pid");
        await RunAsync("/usr/bin/swtpm", ["socket", "--tpmstate", $"dir={Path.Combine(_directory, "state")}", "--tpm2", "--server", $"type=tcp,port={port},bindaddr=127.0.0.1",
            "--ctrl", $"type=tcp,port={control},bindaddr=127.0.0.1", "--flags", "not-need-init,startup-clear", "--daemon", "--pid", $"file={pidFile}"]);
        _processIds.Add(int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture));

        var bus = (await RunAsync("/usr/bin/dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"])).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _processIds.Add(int.Parse(bus[1], System.Globalization.CultureInfo.InvariantCulture));
        _environment["DBUS_SESSION_BUS_ADDRESS"] = bus[0];

        var busName = $"com.intel.tss2.Tabrmd{port}";
        var abrmd = Process.Start(new ProcessStartInfo("/usr/sbin/tpm2-abrmd", ["--session", "--allow-root", $"--tcti=swtpm:host=127.0.0.1,port={port}", $"--dbus-name={busName}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DBUS_SESSION_BUS_ADDRESS"] = bus[0] },
        }) ?? throw new InvalidOperationException("tpm2-abrmd did not start");
        _processIds.Add(abrmd.Id);
        var abrmdLog = new System.Text.StringBuilder();
        abrmd.OutputDataReceived += (_, e) => { lock (abrmdLog) { abrmdLog.AppendLine(e.Data); } };
        abrmd.ErrorDataReceived += (_, e) => { lock (abrmdLog) { abrmdLog.AppendLine(e.Data); } };
        abrmd.BeginOutputReadLine();
        abrmd.BeginErrorReadLine();

        var tcti = $"tabrmd:bus_name={busName},bus_type=session";
        _environment["TPM2TOOLS_TCTI"] = tcti;
        _environment["TPM2_PKCS11_TCTI"] = tcti;
        _environment["TPM2_PKCS11_STORE"] = StorePath;
        _environment["TPM2_PKCS11_LOG_LEVEL"] = "0";

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var probe = await ProcessRunner.RunAsync("/usr/bin/tpm2_getrandom", ["4"], Merged());
            if (probe.ExitCode == 0)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                lock (abrmdLog)
                {
                    throw new InvalidOperationException($"tpm2-abrmd did not come up (exited: {abrmd.HasExited}): {abrmdLog}\n{probe}");
                }
            }

            await Task.Delay(200);
        }

        await RunAsync("/usr/bin/tpm2_ptool", ["init", $"--path={StorePath}"]);
        await RunAsync("/usr/bin/tpm2_ptool", ["addtoken", "--pid=1", $"--sopin={SoPin}", $"--userpin={Pin}", $"--label={Label}", $"--path={StorePath}"]);
    }

    private Dictionary<string, string> Merged()
    {
        var environment = new Dictionary<string, string>(ProcessRunner.BaseEnvironment());
        foreach (var (name, value) in _environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private async Task<string> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(tool, arguments, Merged(), timeout: TimeSpan.FromSeconds(120));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed: {result}");
        }

        return result.Stdout;
    }

    private static (int Port, int Control) FreePortPair()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                return (port, port + 1);
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }
}
