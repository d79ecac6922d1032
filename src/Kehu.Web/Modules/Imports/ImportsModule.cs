using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Imports.Api;
using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Imports;

/// <summary>导入: records from .xlsx and .csv files, previewed, run in the background in batches, and
/// undone. See README.md.</summary>
public static class ImportsModule
{
    /// <summary>The form's other fields and the multipart framing around the file.</summary>
    private const long RequestOverhead = 1024 * 1024;

    public static WebApplicationBuilder AddImportsModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        var section = builder.Configuration.GetSection("Kehu:Imports");
        s.Configure<ImportSettings>(section);
        s.AddSingleton<ImportStorage>();
        s.AddSingleton<ImportKinds>();
        s.AddSingleton<IImportKind, CompanyImport>();
        s.AddSingleton<IImportKind, ContactImport>();
        s.AddSingleton<IImportKind, ContactRecordImport>();
        s.AddSingleton<IImportKind, ProductImport>();
        s.AddSingleton<IImportKind, OpeningStockImport>();
        s.AddScoped<ImportJobs>();
        s.AddScoped<UploadImport>();
        s.AddScoped<CommitImport>();
        s.AddScoped<UndoImport>();
        s.AddScoped<ImportFiles>();
        s.AddSingleton<ImportRunner>();
        s.AddSingleton<ImportQueueSignal>();
        s.AddHostedService<ImportWorker>();
        var limit = RequestLimit(section);
        s.RaiseUploadLimit(limit);
        return builder;
    }

    public static long RequestLimit(IConfiguration section) =>
        section.GetValue("MaxBytes", ImportSettings.DefaultMaxBytes) + RequestOverhead;

    public static WebApplication MapImportsModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapImportsApi(RequestLimit(app.Configuration.GetSection("Kehu:Imports")));
        return app;
    }
}
