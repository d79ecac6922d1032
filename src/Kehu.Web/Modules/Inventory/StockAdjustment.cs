using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Inventory;

public enum StockAdjustmentState
{
    /// <summary>草稿: being counted, not yet submitted.</summary>
    Draft = 1,
    /// <summary>已退回: the purchase manager sent it back to the submitter.</summary>
    Returned = 2,
    /// <summary>待审核: waiting for the purchase manager.</summary>
    Review = 3,
    /// <summary>已审核: approved; the differences are in the stock ledger.</summary>
    Approved = 4,
    /// <summary>已驳回: the purchase manager did not agree; nothing was posted.</summary>
    Rejected = 5,
}

/// <summary>
/// 库存盘点单: what was counted in one warehouse. Its workflow is <see cref="StockAdjustmentWorkflow"/>;
/// on approval each line's difference (counted − on hand at that moment) is posted to the ledger as
/// an adjustment, and the line keeps the on-hand, difference and amount that were posted.
/// </summary>
public sealed class StockAdjustment : AuditedEntity, IHasChangeHistory
{
    public const string DocumentType = "stock-adjustment";
    public const int MaxLines = 500;

    private readonly List<StockAdjustmentLine> lines = [];

    public string Number { get; private set; } = "";
    public long WarehouseId { get; private set; }
    /// <summary>盘点日期: the day the goods were counted.</summary>
    public DateOnly CountedOn { get; private set; }
    /// <summary>盘点人: who counted and submits the document.</summary>
    public long CounterId { get; private set; }
    public string? Notes { get; private set; }
    public StockAdjustmentState State { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public long? ApprovedById { get; private set; }
    public IReadOnlyList<StockAdjustmentLine> Lines => lines;

    private StockAdjustment() { }

    public StockAdjustment(string number, long counterId, StockAdjustmentDetails details)
    {
        Number = number;
        CounterId = counterId;
        State = StockAdjustmentState.Draft;
        Apply(details);
    }

    public bool IsEditable => State is StockAdjustmentState.Draft or StockAdjustmentState.Returned;

    public void Edit(StockAdjustmentDetails details)
    {
        Require(IsEditable, nameof(Edit));
        Apply(details);
    }

    public void Submit()
    {
        Require(IsEditable && lines.Count > 0, nameof(Submit));
        State = StockAdjustmentState.Review;
    }

    public void ReturnToSubmitter()
    {
        Require(State == StockAdjustmentState.Review, nameof(ReturnToSubmitter));
        State = StockAdjustmentState.Returned;
    }

    public void Reject()
    {
        Require(State == StockAdjustmentState.Review, nameof(Reject));
        State = StockAdjustmentState.Rejected;
    }

    /// <summary>同意: records what was posted for each line (its on-hand at approval and the difference).</summary>
    public void Approve(long userId, DateTime now, IReadOnlyDictionary<int, CountedLine> posted)
    {
        Require(State == StockAdjustmentState.Review && lines.All(l => posted.ContainsKey(l.LineNo)), nameof(Approve));
        foreach (var line in lines)
        {
            var p = posted[line.LineNo];
            line.Settle(p.OnHand, p.UnitCost, p.Amount);
        }
        State = StockAdjustmentState.Approved;
        ApprovedAt = now;
        ApprovedById = userId;
    }

    private void Apply(StockAdjustmentDetails d)
    {
        WarehouseId = d.WarehouseId;
        CountedOn = d.CountedOn;
        Notes = string.IsNullOrWhiteSpace(d.Notes) ? null : d.Notes.Trim();
        // Lines are replaced in place by position, so an edit that keeps a line keeps its row.
        for (var i = 0; i < d.Lines.Count; i++)
        {
            var (productId, counted, note) = d.Lines[i];
            if (i < lines.Count) lines[i].Change(productId, counted, note);
            else lines.Add(new StockAdjustmentLine(i + 1, productId, counted, note));
        }
        if (lines.Count > d.Lines.Count) lines.RemoveRange(d.Lines.Count, lines.Count - d.Lines.Count);
    }

    // The workflow engine only calls a transition at the step it belongs to, so a wrong one is a bug.
    private void Require(bool allowed, string transition)
    {
        if (!allowed) throw new InvalidOperationException($"Stock adjustment {Number}: {transition} is not possible when {State}.");
    }
}

public sealed record StockAdjustmentDetails(long WarehouseId, DateOnly CountedOn, string? Notes, IReadOnlyList<(long ProductId, decimal Counted, string? Note)> Lines);

/// <summary>One counted product. <see cref="OnHand"/>, <see cref="Difference"/> and the amount are
/// filled when the document is approved and its difference posted.</summary>
public sealed class StockAdjustmentLine
{
    public long Id { get; private set; }
    public long AdjustmentId { get; private set; }
    public int LineNo { get; private set; }
    public long ProductId { get; private set; }
    /// <summary>实盘数量.</summary>
    public decimal Counted { get; private set; }
    public string? Note { get; private set; }
    /// <summary>账面数量 when the difference was posted.</summary>
    public decimal? OnHand { get; private set; }
    /// <summary>盘盈 (+) or 盘亏 (−) posted: counted − on hand.</summary>
    public decimal? Difference { get; private set; }
    public decimal? UnitCost { get; private set; }
    public decimal? Amount { get; private set; }

    private StockAdjustmentLine() { }

    internal StockAdjustmentLine(int lineNo, long productId, decimal counted, string? note)
    {
        LineNo = lineNo;
        Change(productId, counted, note);
    }

    internal void Change(long productId, decimal counted, string? note)
    {
        ProductId = productId;
        Counted = counted;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    internal void Settle(decimal onHand, decimal unitCost, decimal amount)
    {
        OnHand = onHand;
        Difference = Counted - onHand;
        UnitCost = unitCost;
        Amount = amount;
    }
}

internal sealed class StockAdjustmentConfiguration : IEntityTypeConfiguration<StockAdjustment>, IEntityTypeConfiguration<StockAdjustmentLine>
{
    public void Configure(EntityTypeBuilder<StockAdjustment> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Notes).HasMaxLength(500);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(e => e.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.CounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ApprovedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.AdjustmentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(e => new { e.CountedOn, e.Id });
        b.HasIndex(e => new { e.State, e.CountedOn });
        b.HasIndex(e => new { e.CounterId, e.CountedOn });
    }

    public void Configure(EntityTypeBuilder<StockAdjustmentLine> b)
    {
        b.ToTable("stock_adjustment_lines");
        b.Property(e => e.Counted).HasPrecision(18, StockLedgerConfiguration.QuantityScale);
        b.Property(e => e.OnHand).HasPrecision(18, StockLedgerConfiguration.QuantityScale);
        b.Property(e => e.Difference).HasPrecision(18, StockLedgerConfiguration.QuantityScale);
        b.Property(e => e.UnitCost).HasPrecision(18, StockLedgerConfiguration.CostScale);
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.Property(e => e.Note).HasMaxLength(200);
        b.HasIndex(e => new { e.AdjustmentId, e.LineNo }).IsUnique();
        b.HasIndex(e => e.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A product named on a 库存盘点单 (even a draft) is used and cannot be deleted.</summary>
public sealed class StockAdjustmentProductUsage(KehuDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : IProductUsage
{
    public async Task<string?> DescribeAsync(long productId, CancellationToken ct)
    {
        var count = await db.StockAdjustments.Where(a => a.Lines.Any(x => x.ProductId == productId)).Take(1001).CountAsync(ct);
        return count == 0 ? null : l["{0} 张库存盘点单", count > 1000 ? "1,000+" : count.ToString(System.Globalization.CultureInfo.CurrentCulture)].Value;
    }
}
