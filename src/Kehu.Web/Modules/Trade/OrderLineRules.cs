using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Money;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>The checks every order's lines pass, naming each problem by <c>lines[i].field</c>, and
/// the names behind a saved order's lines.</summary>
public sealed class OrderLineRules(ProductCatalog products, CustomerLookups customers, IStringLocalizer<SharedResource> l)
{
    public const int MaxLines = 200;

    /// <summary>
    /// Checks the lines: a product that exists and is active (a product the order already names may
    /// stay even if made inactive since), a positive quantity, a price that is not negative (left
    /// out: <paramref name="defaultPrice"/>), a discount with 0 &lt; d ≤ 1 (left out: 1), and
    /// whatever <paramref name="refuse"/> says about the product (e.g. another supplier's).
    /// </summary>
    public async Task<List<OrderLineDetails>> CheckAsync(IReadOnlyList<OrderLineInput>? input, IEnumerable<OrderLine>? existing,
        Func<ProductRef, decimal> defaultPrice, Func<ProductRef, string?> refuse, Validation v, CancellationToken ct)
    {
        var lines = input ?? [];
        if (lines.Count == 0) v.Add("lines", l["请至少录入一个商品"]);
        if (lines.Count > MaxLines) v.Add("lines", l["一次最多录入 {0} 行", MaxLines]);
        var ids = lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        var known = await products.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var kept = existing?.Select(x => x.ProductId).ToHashSet() ?? [];
        var result = new List<OrderLineDetails>();
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            var prefix = $"lines[{i}].";
            ProductRef? product = null;
            if (line.ProductId is null) v.Add(prefix + "productId", l["{0}不能为空", l["商品"]]);
            else if (!known.TryGetValue(line.ProductId.Value, out product) || (!product.IsActive && !kept.Contains(product.Id)))
            {
                v.Add(prefix + "productId", l["{0}的取值无效", l["商品"]]);
                product = null;
            }
            else if (refuse(product) is { } refusal)
            {
                v.Add(prefix + "productId", refusal);
                product = null;
            }
            var quantity = Positive(line.Quantity, prefix + "quantity", "数量", StockLedgerConfiguration.QuantityScale, v);
            if (line.UnitPrice is { } up)
            {
                if (up < 0) v.Add(prefix + "unitPrice", l["{0}不能小于 0", l["单价"]]);
                else if (up >= InventoryService.MaxQuantity) v.Add(prefix + "unitPrice", l["{0}太大", l["单价"]]);
                else if (decimal.Round(up, StockLedgerConfiguration.CostScale) != up)
                    v.Add(prefix + "unitPrice", l["{0}最多 {1} 位小数", l["单价"], StockLedgerConfiguration.CostScale]);
            }
            var discount = line.Discount ?? 1m;
            if (!LineAmount.IsValidDiscount(discount)) v.Add(prefix + "discount", l["折扣必须大于 0 且不大于 1"]);
            else if (decimal.Round(discount, 4) != discount) v.Add(prefix + "discount", l["{0}最多 {1} 位小数", l["折扣"], 4]);
            if (product is not null && quantity is { } q && v.IsValid)
                result.Add(new OrderLineDetails(product.Id, q, line.UnitPrice ?? defaultPrice(product), discount));
        }
        return result;
    }

    public async Task<List<OrderLineView>> ViewsAsync(IEnumerable<OrderLine> lines, CancellationToken ct = default)
    {
        var ordered = lines.OrderBy(x => x.LineNo).ToList();
        var ids = ordered.Select(x => x.ProductId).Distinct().ToList();
        var known = await products.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var views = new List<OrderLineView>(ordered.Count);
        foreach (var line in ordered)
        {
            var p = known.GetValueOrDefault(line.ProductId);
            views.Add(new OrderLineView(line.LineNo, line.ProductId, p?.Code ?? "", p?.Name ?? "",
                await customers.OptionNameAsync(OptionLists.Unit, p?.UnitId, ct), line.Quantity, line.UnitPrice, line.Discount, line.Amount));
        }
        return views;
    }

    private decimal? Positive(decimal? value, string field, string label, int scale, Validation v)
    {
        if (value is not { } x) v.Add(field, l["{0}不能为空", l[label]]);
        else if (x <= 0) v.Add(field, l["{0}必须大于 0", l[label]]);
        else if (x >= InventoryService.MaxQuantity) v.Add(field, l["{0}太大", l[label]]);
        else if (decimal.Round(x, scale) != x) v.Add(field, l["{0}最多 {1} 位小数", l[label], scale]);
        else return x;
        return null;
    }
}
