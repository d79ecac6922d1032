using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Products;

/// <summary>A product as the edit form and the API send it.</summary>
public sealed class ProductInput
{
    public string? Name { get; set; }
    public long? SupplierId { get; set; }
    public string? Barcode { get; set; }
    /// <summary>商品大类. Left out with a <see cref="SubCategoryId"/>, it is the 小类's parent.</summary>
    public long? CategoryId { get; set; }
    public long? SubCategoryId { get; set; }
    public string? Specification { get; set; }
    public long? UnitId { get; set; }
    public decimal? PurchasePrice { get; set; }
    public decimal? SalePrice { get; set; }
    public decimal? MinimumStock { get; set; }
    /// <summary>Empty means active (new records) or unchanged (edits).</summary>
    public bool? IsActive { get; set; }
    public string? Notes { get; set; }
    /// <summary>The version the client read; required for an edit.</summary>
    public int? Version { get; set; }

    public static ProductInput From(Product p) => new()
    {
        Name = p.Name,
        SupplierId = p.SupplierId,
        Barcode = p.Barcode,
        CategoryId = p.CategoryId,
        SubCategoryId = p.SubCategoryId,
        Specification = p.Specification,
        UnitId = p.UnitId,
        PurchasePrice = p.PurchasePrice,
        SalePrice = p.SalePrice,
        MinimumStock = p.MinimumStock,
        IsActive = p.IsActive,
        Notes = p.Notes,
        Version = p.Version,
    };
}

/// <summary>Creates, edits, deactivates and deletes products, for the pages and the API alike.
/// Who may call it is decided by <see cref="ProductsModule.ManagePolicy"/> at the page or endpoint.</summary>
public sealed class SaveProduct(
    KehuDbContext db,
    DataScopeProvider scopes,
    CustomerLookups lookups,
    ProductCategories categories,
    NumberingService numbering,
    IEnumerable<IProductUsage> usages,
    IStringLocalizer<SharedResource> l)
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    public async Task<Result<Product>> CreateAsync(long userId, ProductInput input, CancellationToken ct)
    {
        var checkedInput = await ValidateAsync(userId, input, existing: null, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var product = new Product(await numbering.NextAsync("product", ct), checkedInput.Value);
        db.Products.Add(product);
        var saved = await SaveAsync(product, ct);
        if (!saved.IsSuccess) return saved.Error!;
        await tx.CommitAsync(ct);
        return product;
    }

    public async Task<Result<Product>> UpdateAsync(long userId, long id, ProductInput input, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.NameGrams).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Error.NotFound(l["商品不存在"]);
        if (input.Version is null)
            return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var checkedInput = await ValidateAsync(userId, input, product, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;
        db.Entry(product).Property(p => p.Version).OriginalValue = input.Version.Value;
        product.Apply(checkedInput.Value);
        var saved = await SaveAsync(product, ct);
        return saved.IsSuccess ? product : saved.Error!;
    }

    /// <summary>停用 / 启用. <paramref name="version"/>, when sent, must be the current one.</summary>
    public async Task<Result<Product>> SetActiveAsync(long id, bool active, int? version, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Error.NotFound(l["商品不存在"]);
        if (version is not null) db.Entry(product).Property(p => p.Version).OriginalValue = version.Value;
        product.SetActive(active);
        var saved = await SaveAsync(product, ct);
        return saved.IsSuccess ? product : saved.Error!;
    }

    /// <summary>Deletes a product no document uses; a used one can only be deactivated.</summary>
    public async Task<Result<bool>> DeleteAsync(long id, int? version, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Error.NotFound(l["商品不存在"]);
        if (await UsageAsync(id, ct) is { } used)
            return Error.Conflict(l["商品“{0}”已被 {1}使用，不能删除。如不再需要，请停用它。", product.Name, used]);
        if (version is not null) db.Entry(product).Property(p => p.Version).OriginalValue = version.Value;
        db.Products.Remove(product);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        catch (DbUpdateException)
        {
            // A document that named the product was saved after the check above.
            return Error.Conflict(l["商品“{0}”已被单据使用，不能删除。如不再需要，请停用它。", product.Name]);
        }
    }

    /// <summary>What document uses the product (so it cannot be deleted), or null.</summary>
    public async Task<string?> UsageAsync(long id, CancellationToken ct)
    {
        foreach (var usage in usages)
        {
            if (await usage.DescribeAsync(id, ct) is { } used) return used;
        }
        return null;
    }

    private async Task<Result<bool>> SaveAsync(Product product, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        catch (DbUpdateException)
        {
            // A unique index caught a race the checks could not see: the same barcode saved at
            // once by two people, or a code the numbering pattern handed out twice.
            var barcodeTaken = product.Barcode is { } barcode
                && await db.Products.AsNoTracking().AnyAsync(p => p.Barcode == barcode && p.Id != product.Id, ct);
            return barcodeTaken
                ? new Validation().Add("barcode", l["条形码 {0} 已被其他商品使用", product.Barcode!]).ToError(l["请检查输入"])
                : Error.Conflict(l["商品编码 {0} 已被使用，请让管理员检查编号规则", product.Code]);
        }
    }

    /// <summary>The form's rules for one product (<paramref name="existing"/> for an edit), also the
    /// import's.</summary>
    public async Task<Result<ProductDetails>> ValidateAsync(long userId, ProductInput input, Product? existing, CancellationToken ct)
    {
        var v = new Validation();
        var check = new FieldChecks(v, l, lookups);
        var name = check.Required("name", "商品名称", input.Name, 200);
        await CheckSupplierAsync(v, userId, input.SupplierId, existing, ct);
        var barcode = await CheckBarcodeAsync(v, input.Barcode, existing, ct);
        var (category, subCategory) = await CheckCategoriesAsync(v, input, existing, ct);
        check.Length("specification", "规格型号", input.Specification, 200);
        await check.OptionAsync("unitId", "单位", OptionLists.Unit, input.UnitId, existing?.UnitId, ct);
        var purchasePrice = Amount(v, "purchasePrice", "进价", input.PurchasePrice ?? 0m, decimals: 2);
        var salePrice = Amount(v, "salePrice", "售价", input.SalePrice ?? 0m, decimals: 2);
        if (input.MinimumStock is { } minimum) Amount(v, "minimumStock", "库存下限", minimum, decimals: 3);
        check.Length("notes", "备注", input.Notes, 2000);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        return new ProductDetails(name!, input.SupplierId!.Value, barcode, category, subCategory, input.Specification,
            input.UnitId, purchasePrice, salePrice, input.MinimumStock, input.IsActive ?? existing?.IsActive ?? true, input.Notes);
    }

    /// <summary>The supplier must be a company with the supplier role that the user may see; an
    /// edit that keeps the supplier it had is not checked again.</summary>
    private async Task CheckSupplierAsync(Validation v, long userId, long? supplierId, Product? existing, CancellationToken ct)
    {
        if (supplierId is null)
        {
            v.Add("supplierId", l["{0}不能为空", l["供应商"]]);
            return;
        }
        if (supplierId == existing?.SupplierId) return;
        var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        var company = await visible.Where(c => c.Id == supplierId).Select(c => new { c.Name, c.IsSupplier }).FirstOrDefaultAsync(ct);
        if (company is null)
            v.Add("supplierId", l["供应商不存在或无权访问"]);
        else if (!company.IsSupplier)
            v.Add("supplierId", l["“{0}”不是供应商，请选择类型为供应商的单位", company.Name]);
    }

    private async Task<string?> CheckBarcodeAsync(Validation v, string? input, Product? existing, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var barcode = Barcode.Normalize(input);
        if (barcode.Length > 32 || !barcode.All(char.IsAsciiLetterOrDigit))
        {
            v.Add("barcode", l["条形码只能包含字母和数字，最多 32 位"]);
            return null;
        }
        if (Barcode.Verify(barcode) == Barcode.Check.BadCheckDigit)
        {
            v.Add("barcode", l["条形码 {0} 的校验位不正确（应为 {1}）", barcode, Barcode.CheckDigit(barcode[..^1])]);
            return null;
        }
        var clash = await db.Products.AsNoTracking()
            .Where(p => p.Barcode == barcode && p.Id != (existing == null ? 0 : existing.Id))
            .Select(p => new { p.Name, p.Code }).FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            v.Add("barcode", l["条形码 {0} 已被商品 {1}（{2}）使用", barcode, clash.Name, clash.Code]);
            return null;
        }
        return barcode;
    }

    /// <summary>商品大类 must be a top-level category and 商品小类 one of its children; a category no
    /// longer active may be kept but not newly chosen.</summary>
    private async Task<(long?, long?)> CheckCategoriesAsync(Validation v, ProductInput input, Product? existing, CancellationToken ct)
    {
        var categoryId = input.CategoryId;
        var sub = await categories.FindAsync(input.SubCategoryId, ct);
        if (input.SubCategoryId is not null && (sub is null || sub.IsTopLevel || (!sub.IsActive && sub.Id != existing?.SubCategoryId)))
        {
            v.Add("subCategoryId", l["{0}的取值无效", l["商品小类"]]);
            return (categoryId, null);
        }
        categoryId ??= sub?.ParentId;
        var category = await categories.FindAsync(categoryId, ct);
        if (categoryId is not null && (category is null || !category.IsTopLevel || (!category.IsActive && category.Id != existing?.CategoryId)))
        {
            v.Add("categoryId", l["{0}的取值无效", l["商品大类"]]);
            return (null, null);
        }
        if (sub is not null && sub.ParentId != categoryId)
            v.Add("subCategoryId", l["商品小类“{0}”不属于商品大类“{1}”", sub.Name, category!.Name]);
        return (categoryId, sub?.Id);
    }

    private decimal Amount(Validation v, string field, string label, decimal value, int decimals)
    {
        if (value < 0) v.Add(field, l["{0}不能小于 0", l[label]]);
        else if (value >= MaxAmount) v.Add(field, l["{0}太大", l[label]]);
        else if (decimal.Round(value, decimals) != value) v.Add(field, l["{0}最多 {1} 位小数", l[label], decimals]);
        return value;
    }
}
