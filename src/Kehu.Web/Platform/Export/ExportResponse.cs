using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// An export as the page handler and the API endpoint both return it: the file, streamed to the
/// response when the result runs, or the error (a bad <c>format</c>, a bad search) as a problem.
/// </summary>
public sealed class ExportResponse : IResult, IActionResult
{
    private readonly Error? error;
    private readonly string fileName = "";
    private readonly ExportFormat format;
    private readonly Func<Stream, CancellationToken, Task>? write;

    private ExportResponse(Error error) => this.error = error;

    public ExportResponse(string fileName, ExportFormat format, Func<Stream, CancellationToken, Task> write)
    {
        this.fileName = fileName;
        this.format = format;
        this.write = write;
    }

    public static ExportResponse Failed(Error error) => new(error);

    public Error? Error => error;

    public string FileName => fileName;

    public async Task ExecuteAsync(HttpContext http)
    {
        if (error is not null)
        {
            await error.ToProblem().ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = format.ContentType();
        http.Response.Headers.ContentDisposition = ContentDisposition(fileName);
        http.Response.Headers.CacheControl = "no-store";
        await write!(http.Response.Body, http.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    /// <summary><c>attachment</c> with an ASCII <c>filename</c> for old clients and the real
    /// (Chinese) name as RFC 5987 <c>filename*</c>.</summary>
    public static string ContentDisposition(string fileName)
    {
        var ascii = new string(fileName.Select(ch => ch is >= ' ' and < '\u007f' and not ('"' or '\\') ? ch : '_').ToArray());
        var header = new ContentDispositionHeaderValue("attachment") { FileName = ascii };
        header.SetHttpFileName(fileName);
        return header.ToString();
    }
}
