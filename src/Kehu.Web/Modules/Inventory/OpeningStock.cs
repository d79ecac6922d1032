using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Inventory;

/// <summary>期初库存: stock entered by hand (what was on the shelves before Kehu). Its lines are
/// its stock moves (kind <see cref="StockMoveKind.Opening"/>, document type <see cref="DocumentType"/>).</summary>
public sealed class OpeningStock : AuditedEntity
{
    public const string DocumentType = "opening-stock";

    public string Number { get; private set; } = "";
    public long WarehouseId { get; private set; }
    public string? Notes { get; private set; }

    private OpeningStock() { }

    public OpeningStock(string number, long warehouseId, string? notes)
    {
        Number = number;
        WarehouseId = warehouseId;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }
}

internal sealed class OpeningStockConfiguration : IEntityTypeConfiguration<OpeningStock>
{
    public void Configure(EntityTypeBuilder<OpeningStock> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Notes).HasMaxLength(500);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(e => e.WarehouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
