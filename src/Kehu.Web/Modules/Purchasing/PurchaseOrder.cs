using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Modules.Trade;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Purchasing;

public enum PurchaseOrderState
{
    /// <summary>草稿: being filled by the purchaser, not yet submitted.</summary>
    Draft = 1,
    /// <summary>已退回: the purchase manager sent it back to the purchaser.</summary>
    Returned = 2,
    /// <summary>待审核: waiting for the purchase manager.</summary>
    Review = 3,
    /// <summary>待付款: approved, the goods are in stock, the finance manager pays.</summary>
    Approved = 4,
    /// <summary>已付款: fully paid, closed.</summary>
    Paid = 5,
    /// <summary>已驳回: the purchase manager did not agree; nothing was posted.</summary>
    Rejected = 6,
}

/// <summary>
/// 采购单: goods bought from one supplier. Its workflow is <see cref="PurchaseOrderWorkflow"/>; on
/// approval the lines are received into stock, then the finance manager records 付款单 until the
/// order is paid in full.
/// </summary>
public sealed class PurchaseOrder : TradeOrder<PurchaseOrderLine>
{
    public const string DocumentType = "purchase-order";
    public long SupplierId { get; private set; }
    /// <summary>采购员: who filled and submits the order.</summary>
    public long PurchaserId { get; private set; }
    public PurchaseOrderState State { get; private set; }
    /// <summary>已付金额.</summary>
    public decimal Paid { get; private set; }

    /// <summary>未付金额.</summary>
    public decimal Outstanding => Total - Paid;

    private PurchaseOrder() { }

    public PurchaseOrder(string number, long purchaserId, PurchaseOrderDetails details) : base(number)
    {
        PurchaserId = purchaserId;
        State = PurchaseOrderState.Draft;
        Apply(details);
    }

    public override bool IsEditable => State is PurchaseOrderState.Draft or PurchaseOrderState.Returned;

    protected override bool InReview => State == PurchaseOrderState.Review;

    public void Edit(PurchaseOrderDetails details)
    {
        Require(IsEditable, nameof(Edit));
        Apply(details);
    }

    public void Submit()
    {
        Require(IsEditable && HasLines, nameof(Submit));
        State = PurchaseOrderState.Review;
    }

    public void ReturnToPurchaser()
    {
        Require(InReview, nameof(ReturnToPurchaser));
        State = PurchaseOrderState.Returned;
    }

    public void Reject()
    {
        Require(InReview, nameof(Reject));
        State = PurchaseOrderState.Rejected;
    }

    public void Approve()
    {
        Require(InReview, nameof(Approve));
        State = PurchaseOrderState.Approved;
    }

    /// <summary>A payment against the order; the order is closed when nothing is outstanding.</summary>
    public void RecordPayment(decimal amount)
    {
        Require(State == PurchaseOrderState.Approved && amount > 0 && amount <= Outstanding, nameof(RecordPayment));
        Paid += amount;
        if (Outstanding == 0) State = PurchaseOrderState.Paid;
    }

    private void Apply(PurchaseOrderDetails d)
    {
        SupplierId = d.SupplierId;
        ApplyCommon(d.OrderDate, d.Notes, d.Lines, (no, x) => new PurchaseOrderLine(no, x));
    }
}

public sealed record PurchaseOrderDetails(DateOnly OrderDate, long SupplierId, string? Notes, IReadOnlyList<OrderLineDetails> Lines);

public sealed class PurchaseOrderLine : OrderLine
{
    private PurchaseOrderLine() { }

    internal PurchaseOrderLine(int lineNo, OrderLineDetails d) : base(lineNo, d) { }
}

internal sealed class PurchaseOrderConfiguration : IEntityTypeConfiguration<PurchaseOrder>, IEntityTypeConfiguration<PurchaseOrderLine>
{
    public void Configure(EntityTypeBuilder<PurchaseOrder> b)
    {
        TradeOrder<PurchaseOrderLine>.Configure(b);
        b.Property(e => e.Paid).HasPrecision(18, 2);
        b.Ignore(e => e.Outstanding);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.PurchaserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.State, e.OrderDate });
        b.HasIndex(e => new { e.SupplierId, e.OrderDate });
        b.HasIndex(e => new { e.PurchaserId, e.OrderDate });
    }

    public void Configure(EntityTypeBuilder<PurchaseOrderLine> b)
    {
        b.ToTable("purchase_order_lines");
        OrderLine.Configure(b);
    }
}

/// <summary>A product named on a 采购单 (even a draft) is used and cannot be deleted.</summary>
public sealed class PurchaseOrderProductUsage(KehuDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : IProductUsage
{
    public async Task<string?> DescribeAsync(long productId, CancellationToken ct)
    {
        var count = await db.PurchaseOrders.Where(a => a.Lines.Any(x => x.ProductId == productId)).Take(1001).CountAsync(ct);
        return count == 0 ? null : l["{0} 张采购单", count > 1000 ? "1,000+" : count.ToString(System.Globalization.CultureInfo.CurrentCulture)].Value;
    }
}
