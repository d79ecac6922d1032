using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Inventory;

/// <summary>仓库. Every install has one default warehouse; the administrator may add more.</summary>
public sealed class Warehouse : AuditedEntity, IHasChangeHistory
{
    public const string DefaultName = "主仓库";

    public string Name { get; private set; } = "";
    /// <summary>Where postings go when the document names no warehouse. Exactly one is the default.</summary>
    public bool IsDefault { get; private set; }
    public bool IsActive { get; private set; } = true;

    private Warehouse() { }

    public Warehouse(string name, bool isDefault)
    {
        Rename(name);
        IsDefault = isDefault;
    }

    public void Rename(string name) => Name = name.Trim();

    public void MakeDefault() => IsDefault = true;

    public void StopBeingDefault() => IsDefault = false;

    public void SetActive(bool active) => IsActive = active;
}

/// <summary>Administrator settings of the stock (one row).</summary>
public sealed class InventorySettings
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    /// <summary>负库存: when off (the default), a posting that would take a warehouse's stock below
    /// zero is refused.</summary>
    public bool AllowNegativeStock { get; private set; }
    public int Version { get; private set; } = 1;
    public DateTime UpdatedAt { get; private set; }
    public long? UpdatedById { get; private set; }

    public void Change(bool allowNegativeStock, long userId, DateTime now)
    {
        AllowNegativeStock = allowNegativeStock;
        UpdatedById = userId;
        UpdatedAt = now;
        Version++;
    }
}

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>, IEntityTypeConfiguration<InventorySettings>
{
    public void Configure(EntityTypeBuilder<Warehouse> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasIndex(e => e.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<InventorySettings> b)
    {
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
