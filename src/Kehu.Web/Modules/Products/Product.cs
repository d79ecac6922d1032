using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Products;

/// <summary>商品资料: a product a supplier sells to us and we sell on.</summary>
public sealed class Product : AuditedEntity, IHasChangeHistory
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public long SupplierId { get; private set; }
    public string? Barcode { get; private set; }
    /// <summary>商品大类: a top-level category.</summary>
    public long? CategoryId { get; private set; }
    /// <summary>商品小类: a child of <see cref="CategoryId"/>.</summary>
    public long? SubCategoryId { get; private set; }
    public string? Specification { get; private set; }
    public long? UnitId { get; private set; }
    public decimal PurchasePrice { get; private set; }
    public decimal SalePrice { get; private set; }
    /// <summary>库存下限: below this on-hand quantity (all warehouses) the product is short.</summary>
    public decimal? MinimumStock { get; private set; }
    public bool IsActive { get; private set; } = true;
    public string? Notes { get; private set; }
    public List<ProductNameGram> NameGrams { get; private set; } = [];

    private Product() { }

    public Product(string code, ProductDetails details)
    {
        Code = code;
        Apply(details);
    }

    /// <summary>Sets every editable field; the search index follows the name.</summary>
    public void Apply(ProductDetails d)
    {
        var normalized = NameNormalizer.Normalize(d.Name);
        Name = d.Name.Trim();
        if (normalized != NormalizedName)
        {
            NormalizedName = normalized;
            NameGrams.Clear();
            NameGrams.AddRange(NameNormalizer.Bigrams(normalized).Select(g => new ProductNameGram(g)));
        }
        SupplierId = d.SupplierId;
        Barcode = Clean(d.Barcode);
        CategoryId = d.CategoryId;
        SubCategoryId = d.SubCategoryId;
        Specification = Clean(d.Specification);
        UnitId = d.UnitId;
        PurchasePrice = d.PurchasePrice;
        SalePrice = d.SalePrice;
        MinimumStock = d.MinimumStock;
        IsActive = d.IsActive;
        Notes = Clean(d.Notes);
    }

    /// <summary>停用 / 启用: an inactive product stays on its documents but is no longer offered.</summary>
    public void SetActive(bool active) => IsActive = active;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The editable fields of a product, as a form or the API sends them (already validated).</summary>
public sealed record ProductDetails(
    string Name, long SupplierId, string? Barcode, long? CategoryId, long? SubCategoryId, string? Specification,
    long? UnitId, decimal PurchasePrice, decimal SalePrice, decimal? MinimumStock, bool IsActive, string? Notes);

/// <summary>One two-character piece of a product's normalised name: the substring-search index
/// (ADR 0003), as for companies.</summary>
public sealed class ProductNameGram
{
    public long ProductId { get; private set; }
    public string Gram { get; private set; } = "";

    private ProductNameGram() { }

    public ProductNameGram(string gram) => Gram = gram;
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>, IEntityTypeConfiguration<ProductNameGram>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Code).HasMaxLength(32);
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NormalizedName).HasMaxLength(200);
        b.HasIndex(e => e.NormalizedName);
        b.Property(e => e.Barcode).HasMaxLength(32);
        b.HasIndex(e => e.Barcode).IsUnique();
        b.Property(e => e.Specification).HasMaxLength(200);
        b.Property(e => e.Notes).HasMaxLength(2000);
        b.Property(e => e.MinimumStock).HasPrecision(18, 3);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(e => e.SubCategoryId).OnDelete(DeleteBehavior.Restrict);
        // Keyset paging walks these: each filter with the id order.
        b.HasIndex(e => new { e.SupplierId, e.Id });
        b.HasIndex(e => new { e.CategoryId, e.Id });
        b.HasIndex(e => new { e.SubCategoryId, e.Id });
        b.HasIndex(e => new { e.IsActive, e.Id });
        b.HasMany(e => e.NameGrams).WithOne().HasForeignKey(g => g.ProductId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProductNameGram> b)
    {
        b.HasKey(e => new { e.Gram, e.ProductId });
        b.Property(e => e.Gram).HasMaxLength(2);
        b.HasIndex(e => e.ProductId);
    }
}
