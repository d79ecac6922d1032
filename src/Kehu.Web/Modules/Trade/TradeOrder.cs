using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Trade;

/// <summary>What every order has (采购单 and 销售单): 单据号, 日期, 备注, the lines and their total, and
/// the manager's review fields. Each order type adds its party, its states and its money, and maps
/// its own table (ADR 0011).</summary>
public abstract class TradeOrder<TLine> : AuditedEntity, IHasChangeHistory where TLine : OrderLine
{
    private readonly List<TLine> lines = [];

    public string Number { get; private set; } = "";
    public DateOnly OrderDate { get; private set; }
    public string? Notes { get; private set; }
    /// <summary>应付金额 / 应收金额: the sum of the lines.</summary>
    public decimal Total { get; private set; }
    public long? ReviewerId { get; private set; }
    public string? ReviewOpinion { get; private set; }
    public DateOnly? ReviewDate { get; private set; }
    public IReadOnlyList<TLine> Lines => lines;

    protected TradeOrder() { }

    protected TradeOrder(string number) => Number = number;

    /// <summary>Draft or returned: its author may still change it.</summary>
    public abstract bool IsEditable { get; }

    /// <summary>Waiting for the manager's review.</summary>
    protected abstract bool InReview { get; }

    protected bool HasLines => lines.Count > 0;

    /// <summary>The review fields (审核人, 审核意见, 审核日期), the manager's only ones.</summary>
    public void Review(long? reviewerId, string? opinion, DateOnly? date)
    {
        Require(InReview, nameof(Review));
        ReviewerId = reviewerId;
        ReviewOpinion = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        ReviewDate = date;
    }

    protected void ApplyCommon(DateOnly orderDate, string? notes, IReadOnlyList<OrderLineDetails> details, Func<int, OrderLineDetails, TLine> create)
    {
        OrderDate = orderDate;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Total = OrderLine.Replace(lines, details, create);
    }

    // The workflow engine only calls a transition at the step it belongs to, so a wrong one is a bug.
    protected void Require(bool allowed, string transition)
    {
        if (!allowed) throw new InvalidOperationException($"{GetType().Name} {Number}: {transition} is not possible in its current state.");
    }

    /// <summary>The columns, keys and indexes every order table shares.</summary>
    internal static void Configure<TOrder>(EntityTypeBuilder<TOrder> b) where TOrder : TradeOrder<TLine>
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Notes).HasMaxLength(500);
        b.Property(e => e.ReviewOpinion).HasMaxLength(500);
        b.Property(e => e.Total).HasPrecision(18, 2);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(e => new { e.OrderDate, e.Id });
    }
}
