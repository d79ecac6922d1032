using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Trade;

/// <summary>A line of a 采购单 or 销售单: product, 数量, 单价, 折扣 and the 金额 they give
/// (<see cref="LineAmount"/>). Each order type maps its own table.</summary>
public abstract class OrderLine
{
    public long Id { get; private set; }
    public long OrderId { get; private set; }
    public int LineNo { get; private set; }
    public long ProductId { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    /// <summary>折扣: 0 &lt; d ≤ 1.</summary>
    public decimal Discount { get; private set; }
    /// <summary>金额 = 数量 × 单价 × 折扣, rounded (<see cref="LineAmount"/>).</summary>
    public decimal Amount { get; private set; }

    protected OrderLine() { }

    protected OrderLine(int lineNo, OrderLineDetails d)
    {
        LineNo = lineNo;
        Change(d);
    }

    internal void Change(OrderLineDetails d)
    {
        if (!LineAmount.IsValidDiscount(d.Discount)) throw new ArgumentOutOfRangeException(nameof(d), d.Discount, "A discount is above 0 and at most 1.");
        ProductId = d.ProductId;
        Quantity = d.Quantity;
        UnitPrice = d.UnitPrice;
        Discount = d.Discount;
        Amount = LineAmount.Of(d.Quantity, d.UnitPrice, d.Discount);
    }

    /// <summary>Replaces <paramref name="lines"/> with <paramref name="details"/>, keeping the rows
    /// (and their ids) that are still there, and gives the new total.</summary>
    public static decimal Replace<T>(List<T> lines, IReadOnlyList<OrderLineDetails> details, Func<int, OrderLineDetails, T> create) where T : OrderLine
    {
        for (var i = 0; i < details.Count; i++)
        {
            if (i < lines.Count) lines[i].Change(details[i]);
            else lines.Add(create(i + 1, details[i]));
        }
        if (lines.Count > details.Count) lines.RemoveRange(details.Count, lines.Count - details.Count);
        return LineAmount.Total(lines.Select(l => l.Amount));
    }

    /// <summary>The columns every order line table shares.</summary>
    internal static void Configure<T>(EntityTypeBuilder<T> b) where T : OrderLine
    {
        b.Property(e => e.Quantity).HasPrecision(18, StockLedgerConfiguration.QuantityScale);
        b.Property(e => e.UnitPrice).HasPrecision(18, StockLedgerConfiguration.CostScale);
        b.Property(e => e.Discount).HasPrecision(9, 4);
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.HasIndex(e => new { e.OrderId, e.LineNo }).IsUnique();
        b.HasIndex(e => e.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record OrderLineDetails(long ProductId, decimal Quantity, decimal UnitPrice, decimal Discount);

/// <summary>A line as the page and the API send it.</summary>
public sealed class OrderLineInput
{
    public long? ProductId { get; set; }
    public decimal? Quantity { get; set; }
    /// <summary>单价; left out, the product's default price (进价 when buying, 售价 when selling).</summary>
    public decimal? UnitPrice { get; set; }
    /// <summary>折扣; left out, 1.</summary>
    public decimal? Discount { get; set; }
}

/// <summary>A line with the names behind its ids, for pages, the 办理 page, print and the API.</summary>
public sealed record OrderLineView(int LineNo, long ProductId, string ProductCode, string ProductName, string? Unit,
    decimal Quantity, decimal UnitPrice, decimal Discount, decimal Amount);
