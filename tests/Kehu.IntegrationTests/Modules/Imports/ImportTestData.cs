using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Imports;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Imports;

public static class ImportTestData
{
    static ImportTestData() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] Utf8Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static byte[] GbkCsv(params string[] lines) => Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient api, string resource, byte[] bytes, string fileName, string? mapping = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        form.Add(file, "file", fileName);
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        return await api.PostAsync($"/api/v1/imports/{resource}", form);
    }

    public static async Task<JsonObject> UploadedAsync(HttpClient api, string resource, byte[] bytes, string fileName, string? mapping = null)
    {
        using var response = await UploadAsync(api, resource, bytes, fileName, mapping);
        var body = await response.ReadObjectAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    public static async Task<JsonObject> CommitAsync(HttpClient api, long id, string mode)
    {
        using var response = await api.PostAsJsonAsync($"/api/v1/imports/{id}/commit", new { mode });
        var body = await response.ReadObjectAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
        return body;
    }

    /// <summary>Polls the import until it is no longer queued or running.</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient api, long id, params string[] until)
    {
        string[] states = until.Length > 0 ? until : ["completed", "failed"];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var response = await api.GetAsync($"/api/v1/imports/{id}");
            var body = await response.ReadObjectAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            if (states.Contains(body["state"]!.GetValue<string>())) return body;
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"Import {id} did not finish: {body.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonObject> ImportedAsync(HttpClient api, string resource, byte[] bytes, string fileName, string mode = "skipBadRows")
    {
        var preview = await UploadedAsync(api, resource, bytes, fileName);
        var id = preview["id"]!.GetValue<long>();
        await CommitAsync(api, id, mode);
        return await WaitAsync(api, id);
    }

    public static Task<bool> CompanyExistsAsync(KehuApp app, string name) => app.WithDbAsync(db =>
    {
        var normalized = Kehu.Web.Platform.Text.NameNormalizer.Normalize(name);
        return db.Companies.AnyAsync(c => c.NormalizedName == normalized);
    });

    public static int Int(this JsonObject o, string name) => o[name]!.GetValue<int>();

    /// <summary>Rows in the business tables and the import tables: a refused file changes none of them.</summary>
    public static Task<(int Companies, int Contacts, int Records, int Jobs, int Journal)> CountsAsync(KehuApp app) => app.WithDbAsync(async db =>
        (await db.Companies.CountAsync(), await db.Contacts.CountAsync(), await db.ContactRecords.CountAsync(),
         await db.Set<ImportJob>().CountAsync(), await db.Set<ImportedRow>().CountAsync()));

    public static string[] Problems(JsonObject view) =>
        [.. view["problems"]!.AsArray().Select(p => $"{p!["row"]!.GetValue<int>()}|{p["field"]!.GetValue<string>()}|{p["message"]!.GetValue<string>()}")];
}
