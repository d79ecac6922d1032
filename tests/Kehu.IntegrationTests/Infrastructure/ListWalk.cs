using System.Text.Json.Nodes;
using System.Web;
using AngleSharp.Dom;

namespace Kehu.IntegrationTests.Infrastructure;

/// <summary>One page of a list as a test reads it: its rows and the addresses its next and previous
/// links lead to (null where it has none).</summary>
public sealed record WalkedPage<T>(IReadOnlyList<T> Rows, string? Next, string? Previous);

/// <summary>Pages a list by its own links, API cursors or a page's 下一页 and 上一页.</summary>
public static class ListWalk
{
    /// <summary>Walks forward from <paramref name="first"/> to the last page, then back by the
    /// previous links to the first; fails unless the rows going forward are <paramref name="expected"/>
    /// and the walk back gives the same pages with the same rows in the same order, ending at a page
    /// with no previous link. Returns how many pages there were.</summary>
    public static async Task<int> BothWaysAsync<T>(string first, Func<string, Task<WalkedPage<T>>> read, IReadOnlyList<T> expected)
    {
        var page = await read(first);
        page.Previous.ShouldBeNull("the first page has no previous page");
        var forward = new List<List<T>> { page.Rows.ToList() };
        while (page.Next is { } next)
        {
            forward.Count.ShouldBeLessThan(100, "paging forward ends");
            page = await read(next);
            forward.Add(page.Rows.ToList());
        }

        var back = new List<List<T>> { page.Rows.ToList() };
        while (page.Previous is { } previous)
        {
            back.Count.ShouldBeLessThan(forward.Count, "paging back ends at the first page");
            page = await read(previous);
            back.Insert(0, page.Rows.ToList());
        }
        back.Count.ShouldBe(forward.Count, "paging back visits every page");
        for (var i = 0; i < forward.Count; i++) back[i].ShouldBe(forward[i], $"page {i + 1} read back");
        forward.SelectMany(rows => rows).ShouldBe(expected);
        return forward.Count;
    }

    /// <summary>An API list at <paramref name="url"/> (which has a query string): each item read
    /// by <paramref name="row"/>, its nextCursor and previousCursor as addresses.</summary>
    public static Func<string, Task<WalkedPage<T>>> Api<T>(HttpClient api, string url, Func<JsonNode, T> row) => async address =>
    {
        var page = await (await api.GetAsync(address)).ReadObjectAsync();
        string? At(string cursor) => page[cursor]?.GetValue<string>() is { } c ? $"{url}&cursor={Uri.EscapeDataString(c)}" : null;
        return new(page["items"]!.AsArray().Select(i => row(i!)).ToList(), At("nextCursor"), At("previousCursor"));
    };

    /// <summary>A list page: each element matching <paramref name="rows"/> read by
    /// <paramref name="row"/>, its rel=next and rel=prev links.</summary>
    public static Func<string, Task<WalkedPage<T>>> Page<T>(PageClient browser, string rows, Func<IElement, T> row) => async address =>
    {
        var doc = await browser.GetDocumentAsync(address);
        var path = address.Split('?')[0];
        string? Link(string rel) => doc.QuerySelector($"a[rel={rel}]")?.GetAttribute("href") is { } href ? path + href : null;
        return new(doc.QuerySelectorAll(rows).Select(row).ToList(), Link("next"), Link("prev"));
    };

    /// <summary>A number in the query string of the link <paramref name="link"/> inside <paramref name="row"/>.</summary>
    public static long LinkValue(IElement row, string link, string name) =>
        long.Parse(HttpUtility.ParseQueryString(new Uri(new Uri("http://test/"), row.QuerySelector(link)!.GetAttribute("href")).Query)[name]!);
}
