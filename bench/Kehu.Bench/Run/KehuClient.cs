using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kehu.Bench.Run;

/// <summary>HTTP access to a running Kehu: API bearer logins, a cookie login for pages, and
/// requests that read the whole body and fail on a non-success status.</summary>
public sealed partial class KehuClient : IDisposable
{
    private readonly SocketsHttpHandler handler;
    private readonly Uri baseUrl;

    public KehuClient(Uri baseUrl, int clients)
    {
        if (!IPAddress.TryParse(baseUrl.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new BenchFailedException($"--base-url must be a loopback address such as http://127.0.0.1:5080, not {baseUrl}.");
        this.baseUrl = baseUrl;
        handler = NewHandler(clients, cookies: null);
    }

    private static SocketsHttpHandler NewHandler(int clients, CookieContainer? cookies) => new()
    {
        // One connection per client and some spare: no request waits for a connection.
        MaxConnectionsPerServer = clients + 4,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
    };

    public HttpClient Anonymous() => new(handler, disposeHandler: false) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client whose requests carry the user's API bearer token.</summary>
    public async Task<HttpClient> ApiLoginAsync(string userName, string password, TimeSpan? timeout = null)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new BenchFailedException($"API login as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A client with the page login's cookie: GET the form for its antiforgery token, POST it.</summary>
    public async Task<HttpClient> CookieLoginAsync(string userName, string password, int clients)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(NewHandler(clients, cookies), disposeHandler: true) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form);
        if (!token.Success) throw new BenchFailedException("The login page has no __RequestVerificationToken field.");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new BenchFailedException($"Page login as {userName} failed: {(int)response.StatusCode} (expected a redirect).");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>GETs and reads the whole body; a non-2xx status is an error.</summary>
    public static async Task GetAsync(HttpClient client, string url, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} for {url}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(Stream.Null, ct);
    }

    public static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url, CancellationToken ct = default)
    {
        using var response = await client.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode) throw new BenchFailedException($"{(int)response.StatusCode} for GET {url}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    public void Dispose() => handler.Dispose();
}
