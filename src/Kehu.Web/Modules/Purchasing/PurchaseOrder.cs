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
public sealed class PurchaseOrder : AuditedEntity, IHasChangeHistory
{
    public const string DocumentType = "purchase-order";
    private readonly List<PurchaseOrderLine> lines = [];

    public string Number { get; private set; } = "";
    public DateOnly OrderDate { get; private set; }
    public long SupplierId { get; private set; }
    /// <summary>采购员: who filled and submits the order.</summary>
    public long PurchaserId { get; private set; }
    public string? Notes { get; private set; }
    public PurchaseOrderState State { get; private set; }
    /// <summary>应付金额: the sum of the lines.</summary>
    public decimal Total { get; private set; }
    /// <summary>已付金额.</summary>
    public decimal Paid { get; private set; }
    public long? ReviewerId { get; private set; }
    public string? ReviewOpinion { get; private set; }
    public DateOnly? ReviewDate { get; private set; }
    public IReadOnlyList<PurchaseOrderLine> Lines => lines;

    /// <summary>未付金额.</summary>
    public decimal Outstanding => Total - Paid;

    private PurchaseOrder() { }

    public PurchaseOrder(string number, long purchaserId, PurchaseOrderDetails details)
    {
        Number = number;
        PurchaserId = purchaserId;
        State = PurchaseOrderState.Draft;
        Apply(details);
    }

    public bool IsEditable => State is PurchaseOrderState.Draft or PurchaseOrderState.Returned;

    public void Edit(PurchaseOrderDetails details)
    {
        Require(IsEditable, nameof(Edit));
        Apply(details);
    }

    public void Submit()
    {
        Require(IsEditable && lines.Count > 0, nameof(Submit));
        State = PurchaseOrderState.Review;
    }

    /// <summary>The review fields (审核人, 审核意见, 审核日期), the manager's only ones.</summary>
    public void Review(long? reviewerId, string? opinion, DateOnly? date)
    {
        Require(State == PurchaseOrderState.Review, nameof(Review));
        ReviewerId = reviewerId;
        ReviewOpinion = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        ReviewDate = date;
    }

    public void ReturnToPurchaser()
    {
        Require(State == PurchaseOrderState.Review, nameof(ReturnToPurchaser));
        State = PurchaseOrderState.Returned;
    }

    public void Reject()
    {
        Require(State == PurchaseOrderState.Review, nameof(Reject));
        State = PurchaseOrderState.Rejected;
    }

    public void Approve()
    {
        Require(State == PurchaseOrderState.Review, nameof(Approve));
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
        OrderDate = d.OrderDate;
        SupplierId = d.SupplierId;
        Notes = string.IsNullOrWhiteSpace(d.Notes) ? null : d.Notes.Trim();
        Total = OrderLine.Replace(lines, d.Lines, (no, x) => new PurchaseOrderLine(no, x));
    }

    // The workflow engine only calls a transition at the step it belongs to, so a wrong one is a bug.
    private void Require(bool allowed, string transition)
    {
        if (!allowed) throw new InvalidOperationException($"Purchase order {Number}: {transition} is not possible when {State}.");
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
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Notes).HasMaxLength(500);
        b.Property(e => e.ReviewOpinion).HasMaxLength(500);
        b.Property(e => e.Total).HasPrecision(18, 2);
        b.Property(e => e.Paid).HasPrecision(18, 2);
        b.Ignore(e => e.Outstanding);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.PurchaserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(e => new { e.OrderDate, e.Id });
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
