using System.Globalization;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Seeding;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform;

public static class PlatformModule
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddKehuDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new CompanyTimeZone(
            TimeZoneInfo.FindSystemTimeZoneById(builder.Configuration["Kehu:TimeZone"] ?? "Asia/Shanghai")));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUserAccessor, HttpCurrentUserAccessor>();
        services.AddScoped<NumberingService>();
        services.AddScoped<ChangeHistory>();
        services.AddScoped<Export.Exporter>();
        services.AddScoped<BaseData>();
        services.AddScoped<DemoData>();

        // Keys in the database: a restart or a second node keeps everyone logged in.
        var dataProtection = services.AddDataProtection().SetApplicationName("Kehu").PersistKeysToDbContext<KehuDbContext>();
        if (KeyCertificate.Load(builder.Configuration) is { } certificate) dataProtection.ProtectKeysWithCertificate(certificate);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Pages are Chinese until the user switches (the cookie); API clients may ask with Accept-Language.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });

        services.AddProblemDetails();
        services.AddHealthChecks().AddDbContextCheck<KehuDbContext>("database",
            customTestQuery: (db, ct) => db.Database.CanConnectAsync(ct));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return builder;
    }
}

/// <summary>Accept-Language, honoured for API requests only: a browser's language does not
/// override the Chinese default of the pages.</summary>
internal sealed class ApiAcceptLanguageProvider : RequestCultureProvider
{
    private readonly AcceptLanguageHeaderRequestCultureProvider inner = new();

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        inner.Options = Options;
        return httpContext.Request.Path.StartsWithSegments("/api")
            ? inner.DetermineProviderCultureResult(httpContext)
            : NullProviderCultureResult;
    }
}

/// <summary>The optional certificate that encrypts the data-protection keys stored in the database,
/// so a copy of the database alone cannot forge sessions (<c>Kehu:KeyCertificate:Path</c>, a PFX
/// file, and <c>Kehu:KeyCertificate:Password</c>). Every node must use the same certificate.</summary>
internal static class KeyCertificate
{
    public static System.Security.Cryptography.X509Certificates.X509Certificate2? Load(IConfiguration config)
    {
        var path = config["Kehu:KeyCertificate:Path"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path))
            throw new InvalidOperationException($"Kehu:KeyCertificate:Path names a file that does not exist: {path}");
        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
            path, config["Kehu:KeyCertificate:Password"]);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate in {path} has no private key; Kehu needs it to read its keys back.");
    }
}

