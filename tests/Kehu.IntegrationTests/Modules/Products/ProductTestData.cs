using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Products;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Products;

/// <summary>Suppliers, categories and products for the product and inventory tests.</summary>
public static class ProductTestData
{
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A valid EAN-13 nobody else uses.</summary>
    public static string NewEan13()
    {
        var digits = "69" + Random.Shared.NextInt64(1_000_000_000L, 9_999_999_999L).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return digits + Barcode.CheckDigit(digits);
    }

    /// <summary>A demo supplier owned by the purchaser 小王 (so he, his manager and the administrator see it).</summary>
    public static async Task<long> SupplierAsync(KehuApp app)
    {
        var xiaowang = await app.UserIdAsync("xiaowang");
        return await app.WithDbAsync(db => db.Companies.Where(c => c.IsSupplier && c.OwnerId == xiaowang).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
    }

    public static async Task<JsonObject> CreateProductAsync(KehuApp app, object? extra = null, string user = "admin")
    {
        using var api = await app.ApiAsAsync(user);
        var body = new JsonObject { ["name"] = Unique("测试商品"), ["supplierId"] = await SupplierAsync(app), ["purchasePrice"] = 10m, ["salePrice"] = 15m };
        if (extra is not null)
            foreach (var (k, v) in System.Text.Json.JsonSerializer.SerializeToNode(extra, ApiJson.Options)!.AsObject())
                body[k] = v?.DeepClone();
        var response = await api.PostAsJsonAsync("/api/v1/products", body);
        response.EnsureSuccessStatusCode();
        return await response.ReadObjectAsync();
    }

    /// <summary>A new 大类 with one 小类: (categoryId, subCategoryId).</summary>
    public static async Task<(long Category, long Sub)> CategoryTreeAsync(KehuApp app)
    {
        using var api = await app.ApiAsAsync("admin");
        var top = await (await api.PostAsJsonAsync("/api/v1/product-categories", new { name = Unique("大类") })).ReadObjectAsync();
        var sub = await (await api.PostAsJsonAsync("/api/v1/product-categories", new { name = Unique("小类"), parentId = top["id"]!.GetValue<long>() })).ReadObjectAsync();
        return (top["id"]!.GetValue<long>(), sub["id"]!.GetValue<long>());
    }
}
