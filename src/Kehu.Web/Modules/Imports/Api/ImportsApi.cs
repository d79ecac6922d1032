using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Imports.Api;

/// <summary>导入 over the API: upload (the answer is the preview), read state and progress, commit,
/// undo, and the template and rejected-rows files. The same handlers as the pages.</summary>
public static class ImportsApi
{
    public sealed class UploadForm
    {
        public IFormFile? File { get; set; }
        /// <summary>Optional JSON: an array with a field name or null per column, or an object from header to field name.</summary>
        public string? Mapping { get; set; }
    }

    public sealed record CommitInput(string? Mode);

    public static void MapImportsApi(this RouteGroupBuilder api, long requestLimit)
    {
        var g = api.MapGroup("/imports").WithTags("imports");

        g.MapGet("/", async (HttpContext http, ImportJobs jobs, CancellationToken ct) =>
        {
            var list = await jobs.ListAsync(ImportCaller.Of(http.User), 200, ct);
            var items = new List<ImportView>(list.Count);
            foreach (var job in list) items.Add(await jobs.ViewAsync(job, 0, ct));
            return Results.Ok(new { items });
        }).WithSummary("The caller's imports, newest first (an administrator's: everyone's)");

        // The API signs in with bearer tokens only, which a browser never sends by itself, so the
        // multipart upload needs no anti-forgery token.
        g.MapPost("/{resource}", async (string resource, HttpContext http, [FromForm] UploadForm form, UploadImport upload, ImportJobs jobs, CancellationToken ct) =>
        {
            var result = await upload.HandleAsync(ImportCaller.Of(http.User).UserId, resource, form.File, form.Mapping, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/imports/{result.Value.Id}", await jobs.ViewAsync(result.Value, 100, ct))
                : result.Error!.ToProblem();
        }).DisableAntiforgery().Accepts<UploadForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(requestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = requestLimit })
            .WithSummary("Upload a .xlsx or .csv (multipart: file, optional mapping) for companies, …; answers the preview (nothing written yet) with the import's id");

        g.MapGet("/{id:long}", async (long id, HttpContext http, ImportJobs jobs, CancellationToken ct) =>
            await jobs.FindAsync(ImportCaller.Of(http.User), id, ct) is { } job
                ? Results.Ok(await jobs.ViewAsync(job, 100, ct))
                : Results.Problem(statusCode: 404))
            .WithSummary("An import's state, counts, progress and first problems");

        g.MapPost("/{id:long}/commit", async (long id, CommitInput input, HttpContext http, CommitImport commit, ImportJobs jobs, CancellationToken ct) =>
        {
            var result = await commit.HandleAsync(ImportCaller.Of(http.User), id, input.Mode, ct);
            return result.IsSuccess ? Results.Accepted($"/api/v1/imports/{id}", await jobs.ViewAsync(result.Value, 0, ct)) : result.Error!.ToProblem();
        }).WithSummary("Run the import in the background: {\"mode\":\"skipBadRows\"|\"rejectFile\"}; poll GET /imports/{id} for progress");

        g.MapPost("/{id:long}/undo", async (long id, HttpContext http, UndoImport undo, ImportJobs jobs, CancellationToken ct) =>
        {
            var result = await undo.HandleAsync(ImportCaller.Of(http.User), id, ct);
            return result.IsSuccess ? Results.Ok(await jobs.ViewAsync(result.Value, 0, ct)) : result.Error!.ToProblem();
        }).WithSummary("Undo the latest completed import of its kind (409 naming the record when later work depends on it)");

        g.MapGet("/{resource}/template", (string resource, ImportFiles files) =>
        {
            var result = files.Template(resource);
            return result.IsSuccess ? Results.File(result.Value.Content, ImportFiles.XlsxType, result.Value.FileName) : result.Error!.ToProblem();
        }).WithSummary("An .xlsx template: the headers and one example row");

        g.MapGet("/{id:long}/rejected-rows", async (long id, HttpContext http, ImportJobs jobs, ImportFiles files, CancellationToken ct) =>
        {
            if (await jobs.FindAsync(ImportCaller.Of(http.User), id, ct) is not { } job) return Results.Problem(statusCode: 404);
            var result = await files.RejectedRowsAsync(job, ct);
            return result.IsSuccess ? Results.File(result.Value.Content, ImportFiles.XlsxType, result.Value.FileName) : result.Error!.ToProblem();
        }).WithSummary("The rows with problems, as in the file, with a 原因 column (.xlsx)");
    }
}
