using System.Linq.Expressions;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Sales;

public enum SalesOrderState
{
    /// <summary>草稿: being filled by the salesperson, not yet submitted.</summary>
    Draft = 1,
    /// <summary>已退回: the sales manager sent it back to the salesperson.</summary>
    Returned = 2,
    /// <summary>待审核: waiting for the sales manager.</summary>
    Review = 3,
    /// <summary>待收款: approved, the goods left stock, the finance manager collects.</summary>
    Approved = 4,
    /// <summary>已收款: fully collected, closed.</summary>
    Collected = 5,
    /// <summary>已驳回: the sales manager did not agree; nothing was posted.</summary>
    Rejected = 6,
}

/// <summary>
/// 销售单: goods sold to one customer. Its workflow is <see cref="SalesOrderWorkflow"/>; on approval
/// the lines leave stock, then the finance manager records 收款单 until the order is collected.
/// </summary>
public sealed class SalesOrder : TradeOrder<SalesOrderLine>
{
    public const string DocumentType = "sales-order";

    public long CustomerId { get; private set; }
    /// <summary>销售员: who filled and submits the order.</summary>
    public long SalespersonId { get; private set; }
    public SalesOrderState State { get; private set; }
    /// <summary>已收金额.</summary>
    public decimal Received { get; private set; }

    /// <summary>Counts as a sale (销售分析, the list's 已审核): approved, whether collected yet or not.
    /// Drafts, orders in review, returned and rejected orders never do.</summary>
    public static readonly Expression<Func<SalesOrder, bool>> IsSale =
        o => o.State == SalesOrderState.Approved || o.State == SalesOrderState.Collected;

    /// <summary>未收金额.</summary>
    public decimal Outstanding => Total - Received;

    private SalesOrder() { }

    public SalesOrder(string number, long salespersonId, SalesOrderDetails details) : base(number)
    {
        SalespersonId = salespersonId;
        State = SalesOrderState.Draft;
        Apply(details);
    }

    public override bool IsEditable => State is SalesOrderState.Draft or SalesOrderState.Returned;

    protected override bool InReview => State == SalesOrderState.Review;

    public void Edit(SalesOrderDetails details)
    {
        Require(IsEditable, nameof(Edit));
        Apply(details);
    }

    public void Submit()
    {
        Require(IsEditable && HasLines, nameof(Submit));
        State = SalesOrderState.Review;
    }

    public void ReturnToSalesperson()
    {
        Require(InReview, nameof(ReturnToSalesperson));
        State = SalesOrderState.Returned;
    }

    public void Reject()
    {
        Require(InReview, nameof(Reject));
        State = SalesOrderState.Rejected;
    }

    public void Approve()
    {
        Require(InReview, nameof(Approve));
        State = SalesOrderState.Approved;
    }

    /// <summary>Money collected against the order; the order is closed when nothing is outstanding.</summary>
    public void RecordReceipt(decimal amount)
    {
        Require(State == SalesOrderState.Approved && amount > 0 && amount <= Outstanding, nameof(RecordReceipt));
        Received += amount;
        if (Outstanding == 0) State = SalesOrderState.Collected;
    }

    private void Apply(SalesOrderDetails d)
    {
        CustomerId = d.CustomerId;
        ApplyCommon(d.OrderDate, d.Notes, d.Lines, (no, x) => new SalesOrderLine(no, x));
    }
}

public sealed record SalesOrderDetails(DateOnly OrderDate, long CustomerId, string? Notes, IReadOnlyList<OrderLineDetails> Lines);

public sealed class SalesOrderLine : OrderLine
{
    private SalesOrderLine() { }

    internal SalesOrderLine(int lineNo, OrderLineDetails d) : base(lineNo, d) { }
}

/// <summary>收款单: money collected from a customer against a 销售单, recorded by the finance manager
/// at the order's collection step. Never changed afterwards.</summary>
public sealed class Receipt : AuditedEntity
{
    public const string DocumentType = "receipt";

    public string Number { get; private set; } = "";
    public long SalesOrderId { get; private set; }
    public long CustomerId { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentMethod Method { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    /// <summary>收款人.</summary>
    public long ReceiverId { get; private set; }

    private Receipt() { }

    public Receipt(string number, SalesOrder order, Settlement settlement)
    {
        if (settlement.Amount <= 0) throw new ArgumentOutOfRangeException(nameof(settlement), settlement.Amount, "A receipt is positive.");
        Number = number;
        SalesOrderId = order.Id;
        CustomerId = order.CustomerId;
        Amount = settlement.Amount;
        Method = settlement.Method;
        ReceivedOn = settlement.Date;
        ReceiverId = settlement.PersonId;
    }
}

internal sealed class SalesOrderConfiguration : IEntityTypeConfiguration<SalesOrder>, IEntityTypeConfiguration<SalesOrderLine>, IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<SalesOrder> b)
    {
        TradeOrder<SalesOrderLine>.Configure(b);
        b.Property(e => e.Received).HasPrecision(18, 2);
        b.Ignore(e => e.Outstanding);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.SalespersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.State, e.OrderDate });
        b.HasIndex(e => new { e.CustomerId, e.OrderDate });
        b.HasIndex(e => new { e.SalespersonId, e.OrderDate });
    }

    public void Configure(EntityTypeBuilder<SalesOrderLine> b)
    {
        b.ToTable("sales_order_lines");
        OrderLine.Configure(b);
    }

    public void Configure(EntityTypeBuilder<Receipt> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.HasOne<SalesOrder>().WithMany().HasForeignKey(e => e.SalesOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ReceiverId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.SalesOrderId, e.Id });
        b.HasIndex(e => new { e.CustomerId, e.ReceivedOn });
        b.HasIndex(e => new { e.ReceivedOn, e.Id });
    }
}

/// <summary>A product named on a 销售单 (even a draft) is used and cannot be deleted.</summary>
public sealed class SalesOrderProductUsage(KehuDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : IProductUsage
{
    public async Task<string?> DescribeAsync(long productId, CancellationToken ct)
    {
        var count = await db.SalesOrders.Where(a => a.Lines.Any(x => x.ProductId == productId)).Take(1001).CountAsync(ct);
        return count == 0 ? null : l["{0} 张销售单", count > 1000 ? "1,000+" : count.ToString(System.Globalization.CultureInfo.CurrentCulture)].Value;
    }
}
