using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kehu.Bench.Run;

public sealed record ExportRunOptions(Uri BaseUrl, int Pid, string Route, IReadOnlyList<string> Formats, int Runs, string? Label);

/// <summary>One export: how many rows came, how long to the last byte, and the app's memory meanwhile.</summary>
/// <summary><see cref="AppCpuSeconds"/> is the CPU time the app used meanwhile (/proc/&lt;pid&gt;/stat): on a
/// shared, busy machine rows per CPU second says more about the export than rows per second.</summary>
public sealed record ExportRun(string Format, int Run, long Rows, long Bytes, double Seconds, double RowsPerSecond,
    double AppCpuSeconds, double RowsPerCpuSecond, long RssBeforeMb, long RssPeakMb, IReadOnlyList<long> RssSamplesMb);

public sealed record ExportReport(string Route, int Pid, string? Label, DateTime At, IReadOnlyList<ExportRun> Runs);

/// <summary>
/// Exports a whole list through the running app's API, as admin, in each format: reads the body to
/// the end (a .csv is counted as it streams; an .xlsx is saved and its rows counted afterwards,
/// outside the timing) while sampling the app's resident memory (VmRSS of /proc/&lt;pid&gt;/status)
/// every 100 ms.
/// </summary>
public sealed class ExportRunner(ExportRunOptions o, Action<string> log)
{
    public async Task<ExportReport> RunAsync()
    {
        if (!IPAddress.TryParse(o.BaseUrl.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new BenchFailedException($"--base-url must be a loopback address such as http://127.0.0.1:5080, not {o.BaseUrl}.");
        if (Rss() is null) throw new BenchFailedException($"No process {o.Pid} (its /proc/{o.Pid}/status has no VmRSS).");
        using var client = new HttpClient { BaseAddress = o.BaseUrl, Timeout = TimeSpan.FromMinutes(30) };
        using (var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = "kehu-demo" }))
        {
            if (!login.IsSuccessStatusCode) throw new BenchFailedException($"API login as admin failed: {(int)login.StatusCode}");
            using var doc = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("token").GetString());
        }

        var runs = new List<ExportRun>();
        for (var run = 1; run <= o.Runs; run++)
        {
            foreach (var format in o.Formats)
            {
                var result = await OneAsync(client, format, run);
                log($"{format} run {run}: {result.Rows:N0} rows, {result.Bytes / 1048576.0:N0} MB in {result.Seconds:N1} s = {result.RowsPerSecond:N0} rows/s; app CPU {result.AppCpuSeconds:N1} s = {result.RowsPerCpuSecond:N0} rows per CPU second; app RSS {result.RssBeforeMb} MB before, peak {result.RssPeakMb} MB");
                runs.Add(result);
            }
        }
        return new ExportReport(o.Route, o.Pid, o.Label, DateTime.UtcNow, runs);
    }

    private async Task<ExportRun> OneAsync(HttpClient client, string format, int run)
    {
        var before = Rss() ?? 0;
        var cpuBefore = CpuSeconds();
        var samples = new List<long>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Rss() is { } mb) lock (samples) samples.Add(mb);
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });

        var separator = o.Route.Contains('?') ? '&' : '?';
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"{o.Route}{separator}format={format}", HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode) throw new BenchFailedException($"{(int)response.StatusCode} for {o.Route} ({format})");
        await using var body = await response.Content.ReadAsStreamAsync();
        long bytes = 0, lineEnds = 0;
        string? saved = null;
        var buffer = new byte[1 << 16];
        await using (var file = format == "xlsx" ? File.Create(saved = Path.Combine(Path.GetTempPath(), $"kehu-bench-export-{Guid.NewGuid():N}.xlsx")) : null)
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                if (file is not null) await file.WriteAsync(buffer.AsMemory(0, read));
                else lineEnds += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        clock.Stop();
        var cpu = CpuSeconds() - cpuBefore;
        await stop.CancelAsync();
        await sampler;

        long rows;
        if (saved is not null)
        {
            rows = CountXlsxRows(saved) - 1;
            File.Delete(saved);
        }
        else rows = lineEnds - 1;
        var seconds = clock.Elapsed.TotalSeconds;
        List<long> rss;
        lock (samples) rss = [.. samples];
        return new ExportRun(format, run, rows, bytes, Math.Round(seconds, 2), Math.Round(rows / seconds),
            Math.Round(cpu, 2), cpu > 0 ? Math.Round(rows / cpu) : 0, before, rss.Count == 0 ? before : rss.Max(), rss);
    }

    /// <summary>The &lt;row&gt; elements of the first sheet, header included.</summary>
    private static long CountXlsxRows(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
        using var reader = new StreamReader(sheet.Open(), Encoding.UTF8);
        long count = 0;
        var buffer = new char[1 << 16];
        var carry = "";
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var text = carry + new string(buffer, 0, read);
            var at = 0;
            while ((at = text.IndexOf(":row ", at, StringComparison.Ordinal)) >= 0) { count++; at += 5; }
            carry = text.Length > 8 ? text[^8..] : text;
            if (carry.Contains(":row ", StringComparison.Ordinal)) carry = "";
        }
        return count;
    }

    /// <summary>User plus system CPU time of the app, from fields 14 and 15 of /proc/&lt;pid&gt;/stat (in 1/100 s).</summary>
    private double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{o.Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private long? Rss()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{o.Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }
        catch (IOException) { }
        return null;
    }

    public static string Markdown(ExportReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Export — {r.Route}{(r.Label is null ? "" : " — " + r.Label)}");
        sb.AppendLine();
        sb.AppendLine("| format | run | rows | MB | seconds | rows/s | app CPU s | rows per CPU s | app RSS before (MB) | app RSS peak (MB) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in r.Runs)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {x.Format} | {x.Run} | {x.Rows:N0} | {x.Bytes / 1048576.0:N0} | {x.Seconds:N1} | {x.RowsPerSecond:N0} | {x.AppCpuSeconds:N1} | {x.RowsPerCpuSecond:N0} | {x.RssBeforeMb:N0} | {x.RssPeakMb:N0} |");
        return sb.ToString();
    }
}
