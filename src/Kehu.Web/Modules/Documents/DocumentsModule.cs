using Kehu.Web.Modules.Documents.Api;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Documents;

/// <summary>文档: files attached to records of any module that registers an <see cref="IDocumentOwner"/>,
/// and the document library. See README.md.</summary>
public static class DocumentsModule
{
    /// <summary>How much a request may carry beyond the largest file (the form's other fields and
    /// the multipart framing), so a file just over the limit still reaches the size check.</summary>
    public const long RequestOverhead = 1024 * 1024;

    public static WebApplicationBuilder AddDocumentsModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        var section = builder.Configuration.GetSection("Kehu:Documents");
        s.Configure<DocumentSettings>(section);
        s.AddSingleton<DocumentStorage>();
        s.AddScoped<DocumentAccess>();
        s.AddScoped<UploadDocument>();
        s.AddScoped<DeleteDocument>();
        s.AddScoped<ListDocuments>();
        s.AddScoped<ExportDocuments>();
        s.AddScoped<DocumentDtos>();
        s.AddScoped<DocumentContent>();
        s.AddScoped<Pages.AttachmentsCard>();
        s.AddScoped<IOptionUsage, DocumentOptionUsage>();
        // The server's own limits must let a file a little over the configured maximum through to the
        // size check; they are only ever raised, never lowered.
        var limit = RequestLimit(section);
        s.RaiseUploadLimit(limit);
        return builder;
    }

    public static long RequestLimit(IConfiguration section) =>
        section.GetValue("MaxBytes", DocumentSettings.DefaultMaxBytes) + RequestOverhead;

    public static WebApplication MapDocumentsModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        using var scope = app.Services.CreateScope();
        var kinds = scope.ServiceProvider.GetServices<IDocumentOwner>().Select(o => o.Kind).ToList();
        api.MapDocumentsApi(kinds, RequestLimit(app.Configuration.GetSection("Kehu:Documents")));
        // The pages' download link: signed in with the cookie, the same checks as the API.
        app.MapGet("/documents/{id:long}/download", async (long id, HttpContext http, DocumentContent content, CancellationToken ct) =>
            await content.ServeAsync(http, Platform.Web.ClaimsPrincipalExtensions.RequiredUserId(http.User), id, ct) ?? Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>Document categories (文档分类) in use cannot be deleted.</summary>
public sealed class DocumentOptionUsage(KehuDbContext db) : IOptionUsage
{
    public Task<bool> IsUsedAsync(string listCode, long optionId, CancellationToken ct) =>
        listCode == OptionLists.DocumentCategory ? db.Documents.AnyAsync(d => d.CategoryId == optionId, ct) : Task.FromResult(false);
}
