using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Npgsql;
using NpgsqlTypes;

namespace Kehu.Bench.Run;

public sealed record ImportRunOptions(Uri BaseUrl, int Pid, int Companies, int Records, string? CopyConnection, string WorkDir, string? Label);

/// <summary>One import through the API: the upload (which reads the file and previews it), then the
/// run from the commit to the last batch; the app's CPU time and memory over both.</summary>
public sealed record ImportPhase(string Kind, string Format, int Rows, double FileMb, double UploadSeconds, double RunSeconds,
    double RowsPerSecond, double RowsPerSecondWithUpload, double AppCpuSeconds, long RssBeforeMb, long RssPeakMb,
    int Created, int Skipped, double? CopySeconds, double? CopyRowsPerSecond);

public sealed record ImportReport(int Pid, string? Label, DateTime At, IReadOnlyList<ImportPhase> Phases);

/// <summary>
/// Imports <c>--companies</c> companies from an .xlsx and then <c>--records</c> contact records of those
/// companies from a .csv, as admin, through the running app's API, timing the upload with its preview
/// and the background run, and sampling the app's memory. With <c>--copy-connection</c> (PostgreSQL)
/// it also times PostgreSQL's own binary COPY of the same rows into the same tables, in a transaction
/// it rolls back: the baseline the import is compared with.
/// </summary>
public sealed class ImportRunner(ImportRunOptions o, Action<string> log)
{
    private readonly AppProcess app = new(o.Pid);
    private readonly string tag = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
    private static readonly DateTime FirstContact = new(2025, 1, 1, 8, 0, 0, DateTimeKind.Unspecified);

    private string CompanyName(int n) => $"压测{tag}单位{n:D7}";

    public async Task<ImportReport> RunAsync()
    {
        app.EnsureRunning();
        using var kehu = new KehuClient(o.BaseUrl, 1);
        using var client = await kehu.ApiLoginAsync("admin", "kehu-demo", TimeSpan.FromMinutes(60));
        Directory.CreateDirectory(o.WorkDir);
        var phases = new List<ImportPhase>();

        var companies = Path.Combine(o.WorkDir, $"kehu-bench-companies-{tag}.xlsx");
        log($"Writing {o.Companies:N0} companies to {companies}");
        MiniExcel.SaveAs(companies, CompanyRows(), overwriteFile: true);
        (double, double)? companyCopy = o.CopyConnection is null ? null : await CopyCompaniesAsync();
        phases.Add(await ImportAsync(client, "companies", companies, o.Companies, companyCopy));
        File.Delete(companies);

        if (o.Records > 0)
        {
            var records = Path.Combine(o.WorkDir, $"kehu-bench-contact-records-{tag}.csv");
            log($"Writing {o.Records:N0} contact records to {records}");
            await WriteRecordsCsvAsync(records);
            (double, double)? recordCopy = o.CopyConnection is null ? null : await CopyRecordsAsync();
            phases.Add(await ImportAsync(client, "contact-records", records, o.Records, recordCopy));
            File.Delete(records);
        }
        return new ImportReport(o.Pid, o.Label, DateTime.UtcNow, phases);
    }

    private static readonly string[] Levels = ["普通客户", "重点客户"];
    private static readonly string[] Statuses = ["潜在", "意向", "成交"];

    private IEnumerable<Dictionary<string, object>> CompanyRows()
    {
        for (var n = 0; n < o.Companies; n++)
        {
            yield return new Dictionary<string, object>
            {
                ["单位名称"] = CompanyName(n),
                ["类型"] = "客户",
                ["客户等级"] = Levels[n % Levels.Length],
                ["客户状态"] = Statuses[n % Statuses.Length],
                ["地址"] = $"上海市浦东新区压测路 {n} 号",
                ["电话"] = $"021-{n:D8}",
                ["邮箱"] = $"c{n}@example.com",
            };
        }
    }

    /// <summary>Record i belongs to company i mod C, one hour after that company's previous record,
    /// so no two rows are the same company, time and contact.</summary>
    private (int Company, DateTime At) Record(int i) => (i % o.Companies, FirstContact.AddHours(i / o.Companies));

    private async Task WriteRecordsCsvAsync(string path)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("联系时间,单位名称,联系人,联系方式,联系内容,联系结果\r\n");
        for (var i = 0; i < o.Records; i++)
        {
            var (company, at) = Record(i);
            await writer.WriteAsync($"{at:yyyy-MM-dd HH:mm},{CompanyName(company)},张三,电话,第{i}次沟通,继续跟进\r\n");
        }
    }

    private async Task<ImportPhase> ImportAsync(HttpClient client, string kind, string path, int rows, (double Seconds, double RowsPerSecond)? copy)
    {
        var format = Path.GetExtension(path).TrimStart('.');
        var fileMb = new FileInfo(path).Length / 1048576.0;
        var before = app.RssMb() ?? 0;
        var cpuBefore = app.CpuSeconds();
        await using var sampler = app.SampleMemory();

        var clock = Stopwatch.StartNew();
        long id;
        using (var form = new MultipartFormDataContent())
        {
            var file = new StreamContent(File.OpenRead(path), 1 << 16);
            file.Headers.ContentType = new MediaTypeHeaderValue(format == "csv" ? "text/csv" : "application/octet-stream");
            form.Add(file, "file", Path.GetFileName(path));
            using var upload = await client.PostAsync($"/api/v1/imports/{kind}", form);
            var body = await upload.Content.ReadAsStringAsync();
            if (!upload.IsSuccessStatusCode) throw new BenchFailedException($"Upload of {kind}: {(int)upload.StatusCode} {body}");
            using var preview = JsonDocument.Parse(body);
            id = preview.RootElement.GetProperty("id").GetInt64();
            var toCreate = preview.RootElement.GetProperty("toCreate").GetInt32();
            if (toCreate != rows)
                throw new BenchFailedException($"The preview of {kind} creates {toCreate:N0} of {rows:N0} rows: {preview.RootElement.GetProperty("problems")}");
        }
        var upload_ = clock.Elapsed.TotalSeconds;
        log($"{kind}: uploaded and previewed {rows:N0} rows ({fileMb:N1} MB {format}) in {upload_:N1} s");

        clock.Restart();
        var cpuAtCommit = app.CpuSeconds();
        using (var commit = await client.PostAsJsonAsync($"/api/v1/imports/{id}/commit", new { mode = "skipBadRows" }))
        {
            if (!commit.IsSuccessStatusCode) throw new BenchFailedException($"Commit of {kind}: {(int)commit.StatusCode} {await commit.Content.ReadAsStringAsync()}");
        }
        JsonElement done;
        var lastLog = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(250);
            using var state = await client.GetAsync($"/api/v1/imports/{id}");
            var view = JsonDocument.Parse(await state.Content.ReadAsStringAsync()).RootElement;
            var s = view.GetProperty("state").GetString();
            if (s is "completed" or "failed") { done = view; break; }
            if (lastLog.Elapsed > TimeSpan.FromSeconds(15))
            {
                log($"{kind}: {view.GetProperty("rowsDone").GetInt32():N0} rows done after {clock.Elapsed.TotalSeconds:N0} s; app RSS {app.RssMb()} MB");
                lastLog.Restart();
            }
        }
        var run = clock.Elapsed.TotalSeconds;
        var cpuAfter = app.CpuSeconds();
        var cpu = cpuAfter - cpuBefore;
        if (done.GetProperty("state").GetString() != "completed")
            throw new BenchFailedException($"The {kind} import failed: {done}");
        var phase = new ImportPhase(kind, format, rows, Math.Round(fileMb, 1), Math.Round(upload_, 1), Math.Round(run, 1),
            Math.Round(rows / run), Math.Round(rows / (run + upload_)), Math.Round(cpu, 1), before, sampler.Peak(before),
            done.GetProperty("created").GetInt32(), done.GetProperty("skipped").GetInt32(), copy?.Seconds, copy?.RowsPerSecond);
        log($"{kind}: ran in {phase.RunSeconds:N1} s = {phase.RowsPerSecond:N0} rows/s ({phase.RowsPerSecondWithUpload:N0} with the upload); " +
            $"created {phase.Created:N0}, skipped {phase.Skipped:N0}; app CPU {phase.AppCpuSeconds:N1} s (run {cpuAfter - cpuAtCommit:N1} s); RSS {before} → peak {phase.RssPeakMb} MB" +
            (copy is { } c ? $"; COPY {c.Seconds:N1} s = {c.RowsPerSecond:N0} rows/s, import/COPY time {(run / c.Seconds):N1}×" : ""));
        return phase;
    }

    /// <summary>COPY of the same companies (their table's columns, options resolved).</summary>
    private async Task<(double, double)> CopyCompaniesAsync()
    {
        await using var db = new NpgsqlConnection(o.CopyConnection);
        await db.OpenAsync();
        var levels = await OptionIdsAsync(db, "customer-level", Levels);
        var statuses = await OptionIdsAsync(db, "customer-status", Statuses);
        return await TimedCopyAsync(db, "companies",
            "code, name, normalized_name, is_customer, is_supplier, level_id, status_id, address, phone, email, owner_id", o.Companies,
            async (copy, n, admin) =>
            {
                var name = CompanyName(n);
                await copy.WriteAsync($"CB{tag}{n:D7}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(name.ToLowerInvariant(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(levels[n % levels.Length], NpgsqlDbType.Bigint);
                await copy.WriteAsync(statuses[n % statuses.Length], NpgsqlDbType.Bigint);
                await copy.WriteAsync($"上海市浦东新区压测路 {n} 号", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"021-{n:D8}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"c{n}@example.com", NpgsqlDbType.Varchar);
                await copy.WriteAsync(admin, NpgsqlDbType.Bigint);
            });
    }

    /// <summary>COPY of the same contact records, their companies found by name beforehand (the app
    /// has just imported them).</summary>
    private async Task<(double, double)> CopyRecordsAsync()
    {
        await using var db = new NpgsqlConnection(o.CopyConnection);
        await db.OpenAsync();
        var method = (await OptionIdsAsync(db, "contact-method", ["电话"]))[0];
        var ids = new long[o.Companies];
        await using (var cmd = new NpgsqlCommand("SELECT id, name FROM companies WHERE name LIKE @prefix", db))
        {
            cmd.Parameters.AddWithValue("prefix", $"压测{tag}单位%");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                ids[int.Parse(reader.GetString(1).AsSpan(reader.GetString(1).Length - 7), CultureInfo.InvariantCulture)] = reader.GetInt64(0);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        return await TimedCopyAsync(db, "contact_records",
            "contacted_at, company_id, contact_name, method_id, content, result, recorder_id", o.Records,
            async (copy, i, admin) =>
            {
                var (company, at) = Record(i);
                await copy.WriteAsync(TimeZoneInfo.ConvertTimeToUtc(at, zone), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(ids[company], NpgsqlDbType.Bigint);
                await copy.WriteAsync("张三", NpgsqlDbType.Varchar);
                await copy.WriteAsync(method, NpgsqlDbType.Bigint);
                await copy.WriteAsync($"第{i}次沟通", NpgsqlDbType.Varchar);
                await copy.WriteAsync("继续跟进", NpgsqlDbType.Varchar);
                await copy.WriteAsync(admin, NpgsqlDbType.Bigint);
            });
    }

    /// <summary>Times a binary COPY of <paramref name="rows"/> rows into <paramref name="table"/>, each
    /// row's own columns written by <paramref name="write"/> and the audit columns (version 1, created
    /// and updated now by admin) after them, in a transaction rolled back afterwards.</summary>
    private async Task<(double, double)> TimedCopyAsync(NpgsqlConnection db, string table, string columns, int rows,
        Func<NpgsqlBinaryImporter, int, long, Task> write)
    {
        var admin = await ScalarAsync<long>(db, "SELECT id FROM users WHERE user_name = 'admin'");
        await using var tx = await db.BeginTransactionAsync();
        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        await using (var copy = await db.BeginBinaryImportAsync(
            $"COPY {table} ({columns}, version, created_at, created_by_id, updated_at, updated_by_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < rows; n++)
            {
                await copy.StartRowAsync();
                await write(copy, n, admin);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(admin, NpgsqlDbType.Bigint);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(admin, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await tx.RollbackAsync();
        log($"{table}: PostgreSQL COPY of {rows:N0} rows in {seconds:N1} s (rolled back)");
        return (Math.Round(seconds, 1), Math.Round(rows / seconds));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        return (T)(await cmd.ExecuteScalarAsync() ?? throw new BenchFailedException($"No result for {sql}"));
    }

    private static async Task<long[]> OptionIdsAsync(NpgsqlConnection db, string list, string[] names)
    {
        var ids = new long[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT id FROM option_items WHERE list_code = @list AND name = @name", db);
            cmd.Parameters.AddWithValue("list", list);
            cmd.Parameters.AddWithValue("name", names[i]);
            ids[i] = (long)(await cmd.ExecuteScalarAsync() ?? throw new BenchFailedException($"No option “{names[i]}” in {list}"));
        }
        return ids;
    }

    public static string Markdown(ImportReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Import{(r.Label is null ? "" : " — " + r.Label)}");
        sb.AppendLine();
        sb.AppendLine("| kind | file | rows | MB | upload + preview (s) | run (s) | rows/s (run) | rows/s (with upload) | app CPU s | app RSS before → peak (MB) | COPY (s) | run / COPY |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var p in r.Phases)
        {
            var ratio = p.CopySeconds is { } c && c > 0 ? (p.RunSeconds / c).ToString("N1", CultureInfo.InvariantCulture) + "×" : "—";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Kind} | {p.Format} | {p.Rows:N0} | {p.FileMb:N1} | {p.UploadSeconds:N1} | {p.RunSeconds:N1} | {p.RowsPerSecond:N0} | {p.RowsPerSecondWithUpload:N0} | {p.AppCpuSeconds:N0} | {p.RssBeforeMb:N0} → {p.RssPeakMb:N0} | {(p.CopySeconds is { } s ? s.ToString("N1", CultureInfo.InvariantCulture) : "—")} | {ratio} |");
        }
        return sb.ToString();
    }
}
