using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Products;

/// <summary>商品大类 (no parent) or 商品小类 (under a 大类): a two-level tree the administrator keeps.</summary>
public sealed class ProductCategory : AuditedEntity, IHasChangeHistory
{
    public long? ParentId { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;

    public bool IsTopLevel => ParentId is null;

    private ProductCategory() { }

    public ProductCategory(long? parentId, string name, int sortOrder)
    {
        ParentId = parentId;
        Rename(name, sortOrder);
    }

    public void Rename(string name, int sortOrder)
    {
        Name = name.Trim();
        SortOrder = sortOrder;
    }

    public void SetActive(bool active) => IsActive = active;
}

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ParentId, e.SortOrder });
    }
}
