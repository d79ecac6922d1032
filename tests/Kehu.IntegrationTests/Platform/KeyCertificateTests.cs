using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Kehu.IntegrationTests.Platform;

/// <summary>Data-protection keys encrypted with a configured certificate.</summary>
public sealed class KeyCertificateTests(KeyCertificateTests.App app) : IClassFixture<KeyCertificateTests.App>
{
    public sealed class App : SqliteApp
    {
        public string CertificatePath { get; } = Path.Combine(Path.GetTempPath(), $"kehu-keys-{Guid.NewGuid():N}.pfx");
        private const string Password = "test-only-password";

        public App()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Kehu test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, Password));
        }

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Kehu:KeyCertificate:Path", CertificatePath), new("Kehu:KeyCertificate:Password", Password)];

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(CertificatePath);
        }
    }

    [Fact]
    public async Task Keys_WithACertificateConfigured_AreStoredEncrypted_AndSessionsStillWork()
    {
        var page = await app.BrowserAsAsync("xiaolin");
        using var companies = await page.Http.GetAsync("/customers/companies");
        companies.StatusCode.ShouldBe(HttpStatusCode.OK);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml!.Contains("encryptedSecret") && !xml.Contains("<masterKey"));
    }

    [Fact]
    public async Task Start_WithACertificatePathThatDoesNotExist_FailsNamingTheSetting()
    {
        await using var misconfigured = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Kehu", app.ConnectionString);
            b.UseSetting("Kehu:KeyCertificate:Path", app.CertificatePath + ".missing");
        });

        var failure = Should.Throw<InvalidOperationException>(() => misconfigured.CreateClient());
        failure.Message.ShouldContain("Kehu:KeyCertificate:Path");
    }
}
