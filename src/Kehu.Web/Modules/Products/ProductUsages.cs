using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products;

/// <summary>The unit option items products refer to.</summary>
public sealed class ProductOptionUsage(KehuDbContext db) : IOptionUsage
{
    public Task<bool> IsUsedAsync(string listCode, long optionId, CancellationToken ct) => listCode switch
    {
        OptionLists.Unit => db.Products.AnyAsync(p => p.UnitId == optionId, ct),
        _ => Task.FromResult(false),
    };
}

/// <summary>A company that supplies products keeps its supplier role and cannot be deleted.</summary>
public sealed class ProductSupplierUsage(KehuDbContext db, IStringLocalizer<SharedResource> l) : ISupplierUsage
{
    public async Task<string?> DescribeAsync(long companyId, CancellationToken ct)
    {
        var count = await db.Products.Where(p => p.SupplierId == companyId).Take(10_001).CountAsync(ct);
        return count == 0 ? null : l["{0} 个商品", count > 10_000 ? "10,000+" : count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)].Value;
    }
}
