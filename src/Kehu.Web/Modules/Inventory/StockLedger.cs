using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Inventory;

public enum StockMoveKind
{
    /// <summary>期初: stock that was there before Kehu (in, at a given cost).</summary>
    Opening,
    /// <summary>入库: goods received, e.g. an approved purchase order (in, at its cost).</summary>
    Receipt,
    /// <summary>出库: goods issued, e.g. an approved sales order (out, at the average cost).</summary>
    Issue,
    /// <summary>盘点调整: the difference between counted and on-hand (either way).</summary>
    Adjustment,
}

/// <summary>
/// One line of the stock ledger: which document moved how much of a product into (+) or out of (−)
/// a warehouse, when, by whom and at what unit cost. Append-only: never updated, and deleted only
/// when an opening-stock import is undone (<see cref="InventoryService.RemoveOpeningAsync"/>, which
/// refuses once later moves build on them); a correction is another move. (DocumentType,
/// DocumentId, DocumentLine) is unique, so posting a document line twice moves stock once.
/// </summary>
public sealed class StockMove
{
    public long Id { get; private set; }
    public string DocumentType { get; private set; } = "";
    public long DocumentId { get; private set; }
    public int DocumentLine { get; private set; }
    /// <summary>The document's number as people know it (PO-20261127-0001), for the ledger's readers.</summary>
    public string? DocumentNumber { get; private set; }
    public StockMoveKind Kind { get; private set; }
    public DateTime At { get; private set; }
    public long ProductId { get; private set; }
    public long WarehouseId { get; private set; }
    /// <summary>Signed: positive in, negative out.</summary>
    public decimal Quantity { get; private set; }
    /// <summary>The cost per unit the move was valued at: the given cost in, the average cost out.</summary>
    public decimal UnitCost { get; private set; }
    /// <summary>Quantity × unit cost, signed, to the cent.</summary>
    public decimal Amount { get; private set; }
    /// <summary>The warehouse's quantity after this move.</summary>
    public decimal BalanceAfter { get; private set; }
    /// <summary>The product's moving-average cost after this move.</summary>
    public decimal AverageCostAfter { get; private set; }
    public long? UserId { get; private set; }
    public string? Note { get; private set; }

    private StockMove() { }

    internal StockMove(StockPosting posting, StockLine line, DateTime at, decimal quantity, decimal unitCost, decimal balanceAfter, decimal averageCostAfter)
    {
        DocumentType = posting.DocumentType;
        DocumentId = posting.DocumentId;
        DocumentNumber = posting.DocumentNumber;
        DocumentLine = line.Line;
        Kind = posting.Kind;
        At = at;
        ProductId = line.ProductId;
        WarehouseId = line.WarehouseId;
        Quantity = quantity;
        UnitCost = unitCost;
        Amount = decimal.Round(quantity * unitCost, 2, MidpointRounding.AwayFromZero);
        BalanceAfter = balanceAfter;
        AverageCostAfter = averageCostAfter;
        UserId = posting.UserId;
        Note = posting.Note;
    }
}

/// <summary>On hand of one product in one warehouse: always the sum of its moves.</summary>
public sealed class StockBalance
{
    public long Id { get; private set; }
    public long ProductId { get; private set; }
    public long WarehouseId { get; private set; }
    public decimal Quantity { get; private set; }
    /// <summary>Bumped by every posting: a write that finds another version lost a race and is retried.</summary>
    public int Version { get; private set; }
}

/// <summary>A product's stock over all warehouses and its moving-average cost. Its row is what a
/// posting locks, so postings of one product queue while others run.</summary>
public sealed class StockValuation
{
    public long ProductId { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal AverageCost { get; private set; }
    public int Version { get; private set; }
}

internal sealed class StockLedgerConfiguration :
    IEntityTypeConfiguration<StockMove>, IEntityTypeConfiguration<StockBalance>, IEntityTypeConfiguration<StockValuation>
{
    public const int QuantityScale = 3;
    public const int CostScale = 4;

    public void Configure(EntityTypeBuilder<StockMove> b)
    {
        b.Property(e => e.DocumentType).HasMaxLength(40);
        b.Property(e => e.DocumentNumber).HasMaxLength(40);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Note).HasMaxLength(500);
        b.Property(e => e.Quantity).HasPrecision(18, QuantityScale);
        b.Property(e => e.BalanceAfter).HasPrecision(18, QuantityScale);
        b.Property(e => e.UnitCost).HasPrecision(18, CostScale);
        b.Property(e => e.AverageCostAfter).HasPrecision(18, CostScale);
        b.HasIndex(e => new { e.DocumentType, e.DocumentId, e.DocumentLine }).IsUnique();
        b.HasIndex(e => new { e.ProductId, e.Id });
        b.HasIndex(e => new { e.WarehouseId, e.Id });
        b.HasIndex(e => new { e.At, e.Id });
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(e => e.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<StockBalance> b)
    {
        b.Property(e => e.Quantity).HasPrecision(18, QuantityScale);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.ProductId, e.WarehouseId }).IsUnique();
        b.HasIndex(e => new { e.WarehouseId, e.ProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(e => e.WarehouseId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<StockValuation> b)
    {
        b.HasKey(e => e.ProductId);
        b.Property(e => e.ProductId).ValueGeneratedNever();
        b.Property(e => e.Quantity).HasPrecision(18, QuantityScale);
        b.Property(e => e.AverageCost).HasPrecision(18, CostScale);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
