using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

// Each test class starts its own server, seeds its own demo database and drives its own Chromium;
// two at once on a two-core machine starve each other into timeouts, so classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Kehu.E2E;

/// <summary>
/// Kehu on a real Kestrel port with its own SQLite database and the demo data, and the
/// system's Chromium driven by Playwright. Never downloads a browser.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "kehu-e2e", Guid.NewGuid().ToString("N"));
    private KehuServer? server;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string? UnavailableReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("KEHU_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            UnavailableReason = $"Chromium not found at {chromium} (./test.sh installs it)";
            return;
        }
        Directory.CreateDirectory(folder);
        server = new KehuServer($"Data Source={Path.Combine(folder, "kehu.db")};Pooling=False", Path.Combine(folder, "documents"));
        server.UseKestrel(0);
        server.StartServer();
        BaseUrl = server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips the test when Chromium is missing here; under CI=true, fails it.</summary>
    public void RequireBrowser()
    {
        if (UnavailableReason is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"Browser tests are required under CI=true: {UnavailableReason}");
        Assert.Skip(UnavailableReason);
    }

    /// <summary>A page in a fresh context: a desktop window, or with <paramref name="phone"/> a
    /// phone-sized touch screen.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        RequireBrowser();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = "zh-CN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone, HasTouch = phone,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page with the demo password.</summary>
    public static async Task LogInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("kehu-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // The first page after signing in is a fresh server's first real request (the workbench's
        // queries compile then), so it gets longer than the other steps on a busy two-core machine.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }

    private sealed class KehuServer(string connectionString, string documentsPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("ConnectionStrings:Kehu", connectionString);
            builder.UseSetting("Kehu:DemoData", "true");
            builder.UseSetting("Kehu:Documents:Path", documentsPath);
            builder.UseSetting("Kehu:Imports:Path", Path.Combine(documentsPath, "imports"));
            builder.UseSetting("Kehu:LoginAttemptsPerMinute", "1000");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }
}
