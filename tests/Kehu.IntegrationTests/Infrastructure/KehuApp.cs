using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kehu.IntegrationTests.Infrastructure;

/// <summary>
/// Kehu over HTTP on a real database with the demo data, one per test class. The SQLite and
/// PostgreSQL subclasses give every test class written against this base both databases.
/// </summary>
public abstract class KehuApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "kehu-demo";

    private readonly Dictionary<string, string> tokens = [];
    private readonly SemaphoreSlim tokenLock = new(1, 1);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this database cannot be used here, or null when it can.</summary>
    protected string? UnavailableReason { get; set; }

    public string ConnectionString { get; protected set; } = "";

    /// <summary>Where this app keeps uploaded documents (a fresh temporary folder, removed with the app).</summary>
    public string DocumentsPath { get; } = Path.Combine(Path.GetTempPath(), "kehu-tests", "documents-" + Guid.NewGuid().ToString("N"));

    /// <summary>Where this app keeps import files (a fresh temporary folder, removed with the app).</summary>
    public string ImportsPath { get; } = Path.Combine(Path.GetTempPath(), "kehu-tests", "imports-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings a test class adds on top of the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await CleanUpDatabaseAsync();
        if (Directory.Exists(DocumentsPath)) Directory.Delete(DocumentsPath, recursive: true);
        if (Directory.Exists(ImportsPath)) Directory.Delete(ImportsPath, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected virtual Task CleanUpDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        RequireDatabase();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Kehu", ConnectionString);
        builder.UseSetting("Kehu:DemoData", "true");
        builder.UseSetting("Kehu:Documents:Path", DocumentsPath);
        builder.UseSetting("Kehu:Imports:Path", ImportsPath);
        builder.UseSetting("Kehu:Imports:PollSeconds", "0.1");
        builder.UseSetting("Kehu:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
    }

    /// <summary>Skips the test when the database is not available here; under CI=true, fails it.</summary>
    public void RequireDatabase()
    {
        if (UnavailableReason is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{Provider} is required under CI=true: {UnavailableReason}");
        Assert.Skip(UnavailableReason);
    }

    /// <summary>An API client authenticated as <paramref name="userName"/> with a bearer token.</summary>
    public async Task<HttpClient> ApiAsAsync(string userName)
    {
        RequireDatabase();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(userName));
        return client;
    }

    public HttpClient Anonymous()
    {
        RequireDatabase();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) logged in through the login page.</summary>
    public async Task<PageClient> BrowserAsAsync(string userName)
    {
        RequireDatabase();
        var page = new PageClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await page.SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = DemoPassword,
        });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, $"login as {userName} should redirect");
        return page;
    }

    private async Task<string> TokenForAsync(string userName)
    {
        await tokenLock.WaitAsync();
        try
        {
            if (tokens.TryGetValue(userName, out var cached)) return cached;
            using var client = CreateClient();
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = DemoPassword });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<LoginAnswer>();
            return tokens[userName] = body!.Token;
        }
        finally
        {
            tokenLock.Release();
        }
    }

    public async Task<T> WithDbAsync<T>(Func<KehuDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<KehuDbContext>());
    }

    public async Task WithDbAsync(Func<KehuDbContext, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<KehuDbContext>());
    }

    public Task<long> UserIdAsync(string userName) =>
        WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.NormalizedUserName == userName).Id));

    private sealed record LoginAnswer(string Token, DateTime ExpiresAt);
}

public class SqliteApp : KehuApp
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "kehu-tests", Guid.NewGuid().ToString("N"));

    public SqliteApp()
    {
        Directory.CreateDirectory(folder);
        ConnectionString = $"Data Source={Path.Combine(folder, "kehu.db")};Pooling=False;Default Timeout=30";
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CleanUpDatabaseAsync()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection is removed with the temp folder later.
        }
        return Task.CompletedTask;
    }
}

/// <summary>A fresh database per test class on the server named by KEHU_TEST_POSTGRES.</summary>
public class PostgresApp : KehuApp
{
    private readonly string? serverConnection = Environment.GetEnvironmentVariable("KEHU_TEST_POSTGRES");
    private readonly string database = "kehu_test_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresApp()
    {
        if (string.IsNullOrWhiteSpace(serverConnection))
        {
            UnavailableReason = "KEHU_TEST_POSTGRES is not set (./test.sh sets it up)";
            return;
        }
        // Tests that open hundreds of concurrent units of work queue for the pool's connections; on a
        // busy machine that wait can pass Npgsql's 15-second default.
        ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(serverConnection) { Database = database, Timeout = 120 }.ToString();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async ValueTask InitializeAsync()
    {
        if (UnavailableReason is not null) return;
        await using var conn = new Npgsql.NpgsqlConnection(serverConnection);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE \"{database}\"";
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task CleanUpDatabaseAsync()
    {
        if (UnavailableReason is not null) return;
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var conn = new Npgsql.NpgsqlConnection(serverConnection);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await cmd.ExecuteNonQueryAsync();
    }
}
