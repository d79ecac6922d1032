namespace Kehu.Web.Modules.Documents;

/// <summary>Serves a document's file, for the API and the download page alike: as an attachment
/// under its original name (RFC 5987 <c>filename*</c> for Chinese names), with the type found by
/// its content and <c>nosniff</c>, so a browser never renders it as something else.</summary>
public sealed class DocumentContent(DocumentAccess access, DocumentStorage storage)
{
    /// <summary>The file when the user may see the document and it is still stored; else null (404).</summary>
    public async Task<IResult?> ServeAsync(HttpContext http, long userId, long id, CancellationToken ct)
    {
        var document = await access.FindVisibleAsync(userId, id, ct);
        if (document is null || !storage.Exists(document.StoredName)) return null;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(storage.OpenRead(document.StoredName), document.ContentType, document.FileName);
    }
}
