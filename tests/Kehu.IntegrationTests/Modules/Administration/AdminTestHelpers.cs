using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kehu.IntegrationTests.Modules.Administration;

internal static class AdminTestHelpers
{
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Logs in through the login page with any password (BrowserAsAsync knows only the demo one).</summary>
    public static async Task<PageClient> BrowserLoginAsync(this KehuApp app, string userName, string password)
    {
        var page = new PageClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await page.SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login as {userName}");
        return page;
    }

    public static async Task<HttpResponseMessage> ApiLoginAsync(this KehuApp app, string userName, string password)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
    }

    /// <summary>An API client holding a token obtained with <paramref name="password"/>.</summary>
    public static async Task<HttpClient> ApiWithPasswordAsync(this KehuApp app, string userName, string password)
    {
        using var login = await app.ApiLoginAsync(userName, password);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, $"API login as {userName}");
        var token = (await login.ReadObjectAsync())["token"]!.GetValue<string>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user through the API as admin; answers the created record.</summary>
    public static async Task<JsonObject> CreateUserAsync(this HttpClient adminApi, string userName, string password, params string[] roles)
    {
        using var response = await adminApi.PostAsJsonAsync("/api/v1/users", new
        {
            userName,
            displayName = "测试" + userName,
            password,
            roles = roles.Length == 0 ? ["sales"] : roles,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    /// <summary>The text of the validation message shown for <paramref name="field"/>.</summary>
    public static string FieldMessage(this AngleSharp.Dom.IDocument doc, string field) =>
        doc.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static string Summary(this AngleSharp.Dom.IDocument doc) =>
        string.Join(" ", doc.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()));
}
