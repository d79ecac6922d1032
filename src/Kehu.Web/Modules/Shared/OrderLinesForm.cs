using System.Globalization;
using Kehu.Web.Platform.Money;

namespace Kehu.Web.Modules.Shared;

/// <summary>Which of a product's prices an order line's empty 单价 stands for: 进价 on purchase
/// orders, 售价 on sales orders.</summary>
public enum OrderLinePrice
{
    Purchase,
    Sale,
}

/// <summary>One row of an order's lines as the form holds it (anything may still be missing).</summary>
public sealed record OrderLineRow(long? ProductId, decimal? Quantity, decimal? UnitPrice, decimal? Discount);

/// <summary>A product a row names: shown by name, and its prices for an empty 单价.</summary>
public sealed record OrderLineProduct(string Name, decimal PurchasePrice, decimal SalePrice);

/// <summary>What <c>_OrderLines.cshtml</c> needs to draw an order's lines table (商品, 数量, 单价, 折扣,
/// 金额) and its total. Labels come already translated. The 金额 shown are computed here with
/// <see cref="LineAmount"/> for the rows that are complete, so the page is right without script;
/// the browser recomputes them as the user types, and saving computes them again.</summary>
public sealed class OrderLinesForm
{
    public const string Prefix = "Input.Lines";

    public required string Caption { get; init; }
    public required string TotalLabel { get; init; }
    /// <summary>Shown in an empty 单价 (e.g. 进价).</summary>
    public required string PriceHint { get; init; }
    public required OrderLinePrice DefaultPrice { get; init; }
    public required IReadOnlyList<OrderLineRow> Rows { get; init; }
    public int BlankRows { get; init; } = 3;
    public required IReadOnlyDictionary<long, OrderLineProduct> Products { get; init; }
    /// <summary>What was typed in a row's number field that is not a number, to show it back.</summary>
    public IReadOnlyDictionary<(int Line, string Field), string> Typed { get; init; } = new Dictionary<(int, string), string>();
    /// <summary>The error of a row's field ("ProductId", "Quantity", "UnitPrice", "Discount"), if any.</summary>
    public Func<int, string, string?> LineError { get; init; } = (_, _) => null;
    /// <summary>The error of the lines as a whole (e.g. an empty order).</summary>
    public string? LinesError { get; init; }
    public required string ProductLookupUrl { get; init; }
    /// <summary>The picker's <c>data-search-with</c> (e.g. the order's supplier), or null.</summary>
    public string? SearchWith { get; init; }

    public int RowCount => Rows.Count + BlankRows;

    public string DefaultPriceName => DefaultPrice == OrderLinePrice.Sale ? "sale" : "purchase";

    public OrderLineRow Row(int i) => i < Rows.Count ? Rows[i] : new OrderLineRow(null, null, null, null);

    public OrderLineProduct? ProductOf(OrderLineRow row) => row.ProductId is { } id ? Products.GetValueOrDefault(id) : null;

    /// <summary>What a number field shows: what was typed if it was not a number, else the value.</summary>
    public string Shown(int i, string field, decimal? value) =>
        Typed.TryGetValue((i, field), out var typed) ? typed : Number(value);

    /// <summary>The row's 金额 when it is complete: a known product and quantity, the typed 单价 or
    /// the product's default, and the 折扣 or 1; null while anything is missing or mistyped.</summary>
    public decimal? Amount(int i)
    {
        if (i >= Rows.Count || Typed.Keys.Any(k => k.Line == i)) return null;
        var row = Rows[i];
        if (ProductOf(row) is not { } product || row.Quantity is not { } quantity) return null;
        var price = row.UnitPrice ?? (DefaultPrice == OrderLinePrice.Sale ? product.SalePrice : product.PurchasePrice);
        return LineAmount.Of(quantity, price, row.Discount ?? 1m);
    }

    public decimal Total => LineAmount.Total(Enumerable.Range(0, Rows.Count).Select(i => Amount(i) ?? 0m));

    public static string Number(decimal? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    public static string Money(decimal? v) => v?.ToString("N2", CultureInfo.InvariantCulture) ?? "";
}
