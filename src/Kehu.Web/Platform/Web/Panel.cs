namespace Kehu.Web.Platform.Web;

/// <summary>A card one module puts on another's page (a company's orders, a workbench reminder):
/// a table of the newest rows (the first cell links to <see cref="PanelRow.Url"/>) or a few
/// figures. Texts come in the user's language. Rendered by <c>Modules/Shared/_Panel.cshtml</c>.</summary>
public sealed record Panel(string Id, string Title, string Empty)
{
    public IReadOnlyList<PanelColumn> Columns { get; init; } = [];
    public IReadOnlyList<PanelRow> Rows { get; init; } = [];
    public IReadOnlyList<PanelFigure> Figures { get; init; } = [];
    /// <summary>The full list, filtered to what the panel shows (查看全部).</summary>
    public string? AllUrl { get; init; }
    /// <summary>A count shown as a badge next to the title (e.g. "20+"), when the panel has one.</summary>
    public string? Badge { get; init; }
}

public sealed record PanelColumn(string Label, bool Numeric = false);

public sealed record PanelRow(string? Url, IReadOnlyList<string?> Cells);

/// <summary>A figure, linked to what it counts when <see cref="Url"/> is given.</summary>
public sealed record PanelFigure(string Id, string Label, string Value, string? Note = null, string? Url = null);
