using System.Diagnostics;

namespace Kehu.IntegrationTests.Infrastructure;

/// <summary>
/// Converts files with a real LibreOffice (headless <c>soffice</c>), so tests read spreadsheets
/// another program wrote, and open our exports the way a user's office suite would. <c>test.sh</c>
/// installs <c>libreoffice-calc-nogui</c> when it is missing.
/// </summary>
public static class LibreOffice
{
    // One LibreOffice profile per process at a time: parallel conversions on the same profile fail.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string? Executable =>
        new[] { "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(File.Exists);

    /// <summary>Fails the test (skips it outside CI) when LibreOffice is not installed.</summary>
    public static string Require()
    {
        if (Executable is { } found) return found;
        const string reason = "LibreOffice (libreoffice-calc-nogui) is not installed; test.sh installs it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        Assert.Skip(reason);
        return "";
    }

    /// <summary>
    /// Converts <paramref name="input"/> to <paramref name="convertTo"/> (a LibreOffice target such
    /// as <c>xlsx</c>, <c>csv:"Text - txt - csv (StarCalc)":44,34,76</c>) and returns the new file's
    /// path, in a fresh folder. <paramref name="inFilter"/> sets the import filter and its options
    /// (e.g. <c>CSV:44,34,76,1</c> reads a CSV as UTF-8).
    /// </summary>
    public static async Task<string> ConvertAsync(string input, string convertTo, string? inFilter = null)
    {
        var soffice = Require();
        var outDir = Directory.CreateTempSubdirectory("kehu-lo-out-").FullName;
        var profile = Directory.CreateTempSubdirectory("kehu-lo-profile-").FullName;
        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-env:UserInstallation=file://" + profile);
        start.ArgumentList.Add("--headless");
        start.ArgumentList.Add("--norestore");
        if (inFilter is not null) start.ArgumentList.Add("--infilter=" + inFilter);
        start.ArgumentList.Add("--convert-to");
        start.ArgumentList.Add(convertTo);
        start.ArgumentList.Add("--outdir");
        start.ArgumentList.Add(outDir);
        start.ArgumentList.Add(input);

        await Gate.WaitAsync();
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var produced = Directory.GetFiles(outDir);
            if (process.ExitCode != 0 || produced.Length != 1)
                throw new InvalidOperationException($"soffice --convert-to {convertTo} {input} failed ({process.ExitCode}): {await stdout} {await stderr}");
            return produced[0];
        }
        finally
        {
            Gate.Release();
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
