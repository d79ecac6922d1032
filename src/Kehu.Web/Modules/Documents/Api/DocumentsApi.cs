using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Documents.Api;

/// <summary>文档: list what the caller may see, read, download, upload (to the library or to a
/// record of any registered owner kind), delete.</summary>
public static class DocumentsApi
{
    public static void MapDocumentsApi(this RouteGroupBuilder api, IEnumerable<string> ownerKinds, long requestLimit)
    {
        var g = api.MapGroup("/documents").WithTags("documents");

        g.MapGet("/", async ([AsParameters] DocumentQuery query, HttpContext http, ListDocuments list, DocumentDtos dtos, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            var page = await list.HandleAsync(userId, query, ct);
            return new ListResponse<DocumentDto>(await dtos.ForAsync(userId, page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("Documents the caller may see, newest first (ownerType = a resource name or library, ownerId, categoryId, q in the file name or title, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] DocumentQuery query, [FromQuery] string? format, HttpContext http, ExportDocuments export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The documents the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, DocumentAccess access, DocumentDtos dtos, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            return await access.FindVisibleAsync(userId, id, ct) is { } d
                ? Results.Ok((await dtos.ForAsync(userId, [d], ct))[0])
                : Results.Problem(statusCode: 404);
        }).WithSummary("One document's details (404 when the caller may not see the record it belongs to)");

        g.MapGet("/{id:long}/content", async (long id, HttpContext http, DocumentContent content, CancellationToken ct) =>
            await content.ServeAsync(http, http.User.RequiredUserId(), id, ct) ?? Results.Problem(statusCode: 404))
            .WithSummary("The file, as an attachment under its original name (404 when the caller may not see the record it belongs to)");

        g.MapDelete("/{id:long}", async (long id, HttpContext http, DeleteDocument delete, CancellationToken ct) =>
        {
            var result = await delete.HandleAsync(http.User.RequiredUserId(), id, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a document: its uploader; for the library an administrator, for an attachment whoever may attach to the record");

        Upload(g.MapPost("/", (HttpContext http, [FromForm] UploadForm form, UploadDocument upload, DocumentDtos dtos, CancellationToken ct) =>
                UploadAsync(http, null, null, form, upload, dtos, ct)), requestLimit)
            .WithSummary("Upload a file to the document library (multipart: file, categoryId, title)");

        foreach (var kind in ownerKinds)
        {
            Upload(api.MapPost($"/{kind}/{{id:long}}/documents", (long id, HttpContext http, [FromForm] UploadForm form, UploadDocument upload, DocumentDtos dtos, CancellationToken ct) =>
                    UploadAsync(http, kind, id, form, upload, dtos, ct)), requestLimit)
                .WithTags(kind).WithSummary($"Attach a file to one of {kind} (multipart: file, categoryId, title); whoever may see the record may attach");
        }
    }

    public sealed class UploadForm
    {
        public IFormFile? File { get; set; }
        public long? CategoryId { get; set; }
        public string? Title { get; set; }
    }

    // The API signs in with bearer tokens only, which a browser never sends by itself, so the
    // multipart endpoints need no anti-forgery token. The request limit lets a file a little over
    // the configured maximum reach the size check and its message.
    private static RouteHandlerBuilder Upload(RouteHandlerBuilder endpoint, long requestLimit) =>
        endpoint.DisableAntiforgery().Accepts<UploadForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(requestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = requestLimit });

    private static async Task<IResult> UploadAsync(HttpContext http, string? kind, long? id, UploadForm form, UploadDocument upload, DocumentDtos dtos, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var result = await upload.HandleAsync(userId, kind, id, form.File, form.CategoryId, form.Title, ct);
        return result.IsSuccess
            ? Results.Created($"/api/v1/documents/{result.Value.Id}", (await dtos.ForAsync(userId, [result.Value], ct))[0])
            : result.Error!.ToProblem();
    }
}
