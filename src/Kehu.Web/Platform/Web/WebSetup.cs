using Kehu.Web.Modules.Identity;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Serilog;

namespace Kehu.Web.Platform.Web;

public static class WebSetup
{
    public const string OpenApiPath = "/api/v1/openapi.json";
    public const string ApiDocsPath = "/api/docs";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Modules";
                o.Conventions.AllowAnonymousToFolder("/Identity/Pages/Account");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        // Chinese text goes out as text, not as &#x...; entities: pages stay half the size and readable.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "kehu.csrf";
        });
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo { Title = "Kehu API", Version = "v1", Description = "Kehu CRM REST API. Authenticate with POST /api/v1/auth/login, then send Authorization: Bearer <token>." };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A token from POST /api/v1/auth/login or a personal access token.",
                };
                return Task.CompletedTask;
            });
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        });
        services.AddResponseCompression(o => o.EnableForHttps = true);
        return builder;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseSerilogRequestLogging(o =>
        {
            // This app's own logger, not the static one (which belongs to whichever host set it last).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.EnrichDiagnosticContext = (diag, http) =>
            {
                diag.Set("UserId", http.User.UserId());
                diag.Set("RemoteIp", http.Connection.RemoteIpAddress?.ToString());
            };
        });
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"),
            api => api.UseExceptionHandler());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/healthz"), pages =>
        {
            pages.UseExceptionHandler("/error");
            pages.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        });
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (ctx, report) =>
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        }).AllowAnonymous();
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapScalarApiReference(ApiDocsPath, o => o.WithTitle("Kehu API").WithOpenApiRoutePattern(OpenApiPath)).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}
