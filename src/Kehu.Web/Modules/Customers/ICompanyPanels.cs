namespace Kehu.Web.Modules.Customers;

/// <summary>What another module shows on a company's page (its orders, receipts, payments, balance),
/// as far as the user may see it. The module reads its own records and checks its own rights;
/// Customers only lays the panels out, so it depends on none of their entities.</summary>
public interface ICompanyPanels
{
    /// <summary>Where its panels go among the others' (lower first).</summary>
    int Order { get; }

    /// <summary>The panels for <paramref name="company"/>; none when the user may see nothing of it.</summary>
    Task<IReadOnlyList<CompanyPanel>> ForAsync(long userId, Company company, CancellationToken ct);
}

/// <summary>A card on the company page: a table of the newest rows (the first cell links to
/// <see cref="CompanyPanelRow.Url"/>) or a few figures. Texts come in the user's language.</summary>
public sealed record CompanyPanel(string Id, string Title, string Empty)
{
    public IReadOnlyList<CompanyPanelColumn> Columns { get; init; } = [];
    public IReadOnlyList<CompanyPanelRow> Rows { get; init; } = [];
    public IReadOnlyList<CompanyFigure> Figures { get; init; } = [];
    /// <summary>The full list, filtered by the company (查看全部).</summary>
    public string? AllUrl { get; init; }
}

public sealed record CompanyPanelColumn(string Label, bool Numeric = false);

public sealed record CompanyPanelRow(string? Url, IReadOnlyList<string?> Cells);

public sealed record CompanyFigure(string Id, string Label, string Value, string? Note = null);
