using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Documents;
using Kehu.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Documents;

public static class DocumentTestData
{
    /// <summary>A small PDF (by its header), different every time.</summary>
    public static byte[] Pdf(int size = 2000)
    {
        var bytes = new byte[size];
        RandomNumberGenerator.Fill(bytes);
        Encoding.ASCII.GetBytes("%PDF-1.4\n").CopyTo(bytes, 0);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A multipart form with the file under <paramref name="fileName"/>, sent as RFC 5987
    /// <c>filename*</c> so names with Chinese characters or backslashes arrive exactly as given.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName, long? categoryId = null, string? title = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        if (categoryId is { } c) form.Add(new StringContent(c.ToString(System.Globalization.CultureInfo.InvariantCulture)), "categoryId");
        if (title is not null) form.Add(new StringContent(title), "title");
        return form;
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient api, string? owner, long? id, byte[] bytes, string fileName, long? categoryId = null, string? title = null)
    {
        using var form = Form(bytes, fileName, categoryId, title);
        return await api.PostAsync(owner is null ? "/api/v1/documents" : $"/api/v1/{owner}/{id}/documents", form);
    }

    public static async Task<JsonObject> UploadedAsync(HttpClient api, string? owner, long? id, byte[] bytes, string fileName, long? categoryId = null, string? title = null)
    {
        using var response = await UploadAsync(api, owner, id, bytes, fileName, categoryId, title);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    /// <summary>Every file under the app's storage folder, temporary ones included.</summary>
    public static string[] StoredFiles(KehuApp app) =>
        Directory.Exists(app.DocumentsPath) ? Directory.GetFiles(app.DocumentsPath, "*", SearchOption.AllDirectories) : [];

    public static Task<int> DocumentCountAsync(KehuApp app) => app.WithDbAsync(db => db.Documents.CountAsync());

    public static Task<Document> DocumentAsync(KehuApp app, long id) => app.WithDbAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.Id == id));

    public static Task<string> StoredPathAsync(KehuApp app, long id) =>
        app.WithDbAsync(async db =>
        {
            var name = await db.Documents.Where(d => d.Id == id).Select(d => d.StoredName).SingleAsync();
            return Path.Combine(app.DocumentsPath, name[..2], name);
        });

    /// <summary>The 附件 changes in a record's history, oldest first.</summary>
    public static Task<List<FieldChange>> AttachmentHistoryAsync(KehuApp app, string entityType, long id) =>
        app.WithDbAsync(async db => (await db.ChangeLog.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == id).OrderBy(e => e.Id).ToListAsync())
            .SelectMany(e => e.Changes).Where(c => c.Field == UploadDocument.AttachmentField).ToList());

    public static async Task<long[]> IdsAsync(HttpClient api, string url) =>
        (await (await api.GetAsync(url)).ReadObjectAsync())["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ToArray();
}
