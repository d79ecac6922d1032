using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Kehu.IntegrationTests.Infrastructure;

/// <summary>Drives Razor pages like a browser: GETs a page, fills its form (anti-forgery token
/// included) and posts it back.</summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<IDocument> GetDocumentAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    /// <summary>Loads <paramref name="url"/>, takes the form (the first with a method of post, or the
    /// one matching <paramref name="formSelector"/>), keeps its current values, overrides them with
    /// <paramref name="fields"/>, and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IDictionary<string, string> fields, string? formSelector = null, string? handler = null)
    {
        var doc = await GetDocumentAsync(url);
        var form = (formSelector is null
            ? doc.QuerySelectorAll("main form[method=post], main form[method=POST]").OfType<IHtmlFormElement>().FirstOrDefault()
            : doc.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No form on {url}");
        return await PostFormAsync(form, url, fields, handler);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, string pageUrl, IDictionary<string, string> fields, string? handler = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !fields.ContainsKey(input.Name):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked) values.Add(new(input.Name, input.Value));
                    }
                    else if (input.Type is not ("submit" or "button"))
                    {
                        values.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected);
                    if (selected is not null) values.Add(new(select.Name, selected.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }
        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        if (handler is not null) action += (action.Contains('?') ? "&" : "?") + "handler=" + handler;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts an anti-forgery-protected form taken from <paramref name="pageUrl"/> to another action.</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string pageUrl, string action, IDictionary<string, string> fields)
    {
        var doc = await GetDocumentAsync(pageUrl);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No anti-forgery token on {pageUrl}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public void Dispose() => Http.Dispose();
}
