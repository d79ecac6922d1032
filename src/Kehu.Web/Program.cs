using Kehu.Web.Modules.Analytics;
using Kehu.Web.Modules.Administration;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Documents;
using Kehu.Web.Modules.Expenses;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Imports;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Contracts;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workbench;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Serilog;

// Started from another folder (dotnet path/to/Kehu.Web.dll), Kehu still finds its settings.
var builder = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
    ? WebApplication.CreateBuilder(args)
    : WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Host.UseSerilog((ctx, services, log) =>
{
    // Sinks and enrichers registered as services join the configured ones (operators add sinks in
    // configuration; the tests read the events through a registered sink).
    log.ReadFrom.Configuration(ctx.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
    // Structured either way; JSON lines for log collectors, readable text for a terminal.
    // Redirected output (a file, a collector) is formatted on the request's own thread into a buffer
    // written in blocks (ADR 0021, 0022): one system call per request was a tenth of the app's CPU,
    // and handing each event to a background queue cost a thread wake-up and its spinning per request.
    // A terminal is written from a background queue (a synchronous console sink serialises every
    // request on its lock); a full queue waits rather than dropping events. The logger is disposed,
    // and the buffer or queue flushed, when the host stops.
    const string template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    var invariant = System.Globalization.CultureInfo.InvariantCulture;
    Serilog.Formatting.ITextFormatter? jsonFormat = ctx.Configuration.GetValue("Kehu:JsonLogs", false)
        ? new Serilog.Formatting.Compact.RenderedCompactJsonFormatter()
        : null;
    if (Console.IsOutputRedirected)
    {
        log.WriteTo.Sink(new Kehu.Web.Platform.Logging.BufferedConsoleSink(
            jsonFormat ?? new Serilog.Formatting.Display.MessageTemplateTextFormatter(template, invariant), TimeSpan.FromMilliseconds(200)));
    }
    else
    {
        log.WriteTo.Async(to =>
        {
            if (jsonFormat is not null) to.Console(jsonFormat);
            else to.Console(outputTemplate: template, formatProvider: invariant);
        }, blockWhenFull: true);
    }
});

// The request log's diagnostic context binds properties (UserId, RemoteIp) with this app's logger.
// Registered by UseSerilog it uses the static Log.Logger, which another host in the process (the
// tests run several) may have reset to a silent logger on stopping, dropping those properties.
builder.Services.AddSingleton(services => new Serilog.Extensions.Hosting.DiagnosticContext(services.GetRequiredService<Serilog.ILogger>()));
builder.Services.AddSingleton<Serilog.IDiagnosticContext>(services => services.GetRequiredService<Serilog.Extensions.Hosting.DiagnosticContext>());

builder.AddPlatform();
builder.AddWeb();
builder.AddIdentityModule();
builder.AddCustomersModule();
builder.AddWorkflowModule();
builder.AddServiceModule();
builder.AddProductsModule();
builder.AddInventoryModule();
builder.AddTradeModule();
builder.AddPurchasingModule();
builder.AddSalesModule();
builder.AddContractsModule();
builder.AddDocumentsModule();
builder.AddImportsModule();
builder.AddExpensesModule();
builder.AddAnalyticsModule();
builder.AddWorkbenchModule();
builder.AddAdministrationModule();

var app = builder.Build();

await app.Services.InitializeDatabaseAsync(app.Configuration, args);
if (args.Contains("--migrate-only")) return;

app.UseWebPipeline();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.MapIdentityModule();
app.MapCustomersModule();
app.MapWorkflowModule();
app.MapServiceModule();
app.MapProductsModule();
app.MapInventoryModule();
app.MapPurchasingModule();
app.MapSalesModule();
app.MapContractsModule();
app.MapDocumentsModule();
app.MapImportsModule();
app.MapExpensesModule();
app.MapAnalyticsModule();
app.MapTradeModule();
app.MapAdministrationModule();

await app.RunAsync();

/// <summary>Entry point type, for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
