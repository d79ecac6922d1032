using System.Net;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>Reading the reports back: the API's JSON, the export's sheets, and the company's days.</summary>
public static class AnalyticsTestData
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A moment given in the company's time (Asia/Shanghai) as UTC.</summary>
    public static DateTime Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Zone);

    /// <summary>The same moment as the API takes it (with its +08:00 offset).</summary>
    public static DateTimeOffset At(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8));

    public static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>The UTC instants a range of the company's days starts and ends (exclusive).</summary>
    public static (DateTime From, DateTime To) Bounds(DateOnly from, DateOnly to) =>
        (Local(from.Year, from.Month, from.Day), Local(to.Year, to.Month, to.Day).AddDays(1));

    public static async Task<JsonObject> ReportAsync(HttpClient api, string route)
    {
        using var response = await api.GetAsync("/api/v1/reports/" + route);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    /// <summary>Items of a JSON array keyed by their id (null for 未填写) with one of their numbers.</summary>
    public static Dictionary<long, int> ById(JsonNode? items, string field, long nullKey = 0) =>
        items!.AsArray().ToDictionary(i => i!["id"]?.GetValue<long>() ?? nullKey, i => i![field]!.GetValue<int>());

    public static Dictionary<long, int> Expected<T>(IEnumerable<T> rows, Func<T, long?> key, long nullKey = 0) =>
        rows.GroupBy(r => key(r) ?? nullKey).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>One sheet of an exported workbook, its header row as keys.</summary>
    public static async Task<List<IDictionary<string, object?>>> SheetAsync(HttpClient http, string url, string sheet)
    {
        using var response = await http.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    public static decimal Number(object? value) => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A wrong period is refused with 400, naming the field: a date that does not exist in
    /// <c>from</c> or <c>to</c>, <c>to</c> before <c>from</c>, and <c>from</c> left out.</summary>
    public static async Task ShouldRefuseBadPeriodsAsync(HttpClient api, string route)
    {
        foreach (var (query, field) in new[]
        {
            ("from=2025-13-01&to=2025-12-31", "from"),
            ("from=2025-01-01&to=2025-02-30", "to"),
            ("from=2025-03-01&to=2025-02-01", "to"),
            ("to=2025-02-01", "from"),
        })
        {
            using var response = await api.GetAsync($"/api/v1/reports/{route}?{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await response.FieldErrorsAsync(field)).ShouldNotBeEmpty(query);
        }
    }
}
