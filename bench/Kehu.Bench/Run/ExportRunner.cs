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
    private readonly AppProcess app = new(o.Pid);

    public async Task<ExportReport> RunAsync()
    {
        app.EnsureRunning();
        using var kehu = new KehuClient(o.BaseUrl, 1);
        using var client = await kehu.ApiLoginAsync("admin", "kehu-demo", TimeSpan.FromMinutes(30));

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
        var before = app.RssMb() ?? 0;
        var cpuBefore = app.CpuSeconds();
        var sampler = app.SampleMemory();

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
        var cpu = app.CpuSeconds() - cpuBefore;
        await sampler.DisposeAsync();

        long rows;
        if (saved is not null)
        {
            rows = CountXlsxRows(saved) - 1;
            File.Delete(saved);
        }
        else rows = lineEnds - 1;
        var seconds = clock.Elapsed.TotalSeconds;
        var rss = sampler.Samples;
        return new ExportRun(format, run, rows, bytes, Math.Round(seconds, 2), Math.Round(rows / seconds),
            Math.Round(cpu, 2), cpu > 0 ? Math.Round(rows / cpu) : 0, before, rss.Count == 0 ? before : rss.Max(), rss);
    }

    /// <summary>The &lt;row&gt; (or &lt;x:row&gt;) elements of the first sheet, header included.</summary>
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
            // MiniExcel writes <x:row …>, Kehu's own writer <row …>.
            while ((at = text.IndexOf("row ", at, StringComparison.Ordinal)) >= 0)
            {
                if (at > 0 && text[at - 1] is '<' or ':') count++;
                at += 4;
            }
            carry = text.Length > 8 ? text[^8..] : text;
            if (carry.Contains("row ", StringComparison.Ordinal)) carry = "";
        }
        return count;
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
