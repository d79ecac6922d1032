using System.Text.Json;

namespace Kehu.Web.Modules.Analytics;

public enum CellFormat
{
    Text,
    Integer,
    Money,
    Quantity,
    /// <summary>A share from 0 to 1, shown as a percentage.</summary>
    Percent,
    Hours,
}

public sealed record ReportColumn(string Label, CellFormat Format = CellFormat.Text);

/// <summary>A cell's value (text, a number, or null for "—") and, for a figure, the documents behind it.</summary>
public sealed record ReportCell(object? Value, string? Url = null)
{
    public static implicit operator ReportCell(string? text) => new((object?)text);
    public static implicit operator ReportCell(decimal value) => new((object)value);
    public static implicit operator ReportCell(int value) => new((object)value);
}

public sealed record ReportRow(IReadOnlyList<ReportCell> Cells);

/// <summary>A table as the page shows it and the export writes it (one sheet each), in the user's
/// language. <see cref="Total"/> is the 合计 row, when the table has one.</summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows)
{
    public ReportRow? Total { get; init; }
    /// <summary>Said under the table, e.g. that only the first rows are shown.</summary>
    public string? Note { get; init; }
}

/// <summary>An Apache ECharts chart: its option object, serialised as the page embeds it. A data
/// item with a <c>url</c> opens it when clicked (wwwroot/js/charts.js).</summary>
public sealed record ReportChart(string Id, string Title, object Option)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string OptionJson => JsonSerializer.Serialize(Option, Json);
}

/// <summary>What a report page shows: its charts and tables, and figures at the top.</summary>
public sealed record ReportView(string Title, ReportPeriod Period)
{
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];
    public IReadOnlyList<ReportChart> Charts { get; init; } = [];
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];
}

public sealed record ReportFigure(string Id, string Label, string Value, string? Note = null);

/// <summary>The few chart shapes the reports use.</summary>
public static class Charts
{
    public sealed record Item(string Name, decimal Value, string? Url = null);

    public static ReportChart Pie(string id, string title, IEnumerable<Item> items) => new(id, title, new
    {
        tooltip = new { trigger = "item", formatter = "{b}: {c} ({d}%)" },
        legend = new { type = "scroll", bottom = 0 },
        series = new[]
        {
            new
            {
                type = "pie",
                radius = new[] { "35%", "65%" },
                data = items.Select(i => new { name = i.Name, value = i.Value, url = i.Url }).ToList(),
            },
        },
    });

    /// <summary>Bars (or lines) over categories, one series each.</summary>
    public static ReportChart Bars(string id, string title, IReadOnlyList<string> categories, IEnumerable<(string Name, string Type, IReadOnlyList<Item> Data)> series, bool horizontal = false)
    {
        var categoryAxis = new { type = "category", data = categories, axisLabel = new { hideOverlap = true } };
        var valueAxis = new { type = "value" };
        return new ReportChart(id, title, new
        {
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            grid = new { left = 8, right = 16, bottom = 8, top = 32, containLabel = true },
            xAxis = horizontal ? (object)valueAxis : categoryAxis,
            yAxis = horizontal ? (object)new { type = "category", data = categories, inverse = true } : valueAxis,
            series = series.Select(s => new
            {
                name = s.Name,
                type = s.Type,
                data = s.Data.Select(d => new { value = d.Value, url = d.Url }).ToList(),
            }).ToList(),
        });
    }
}
