using System.Globalization;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Service;

/// <summary>A product named by a complaint (相关商品) cannot be deleted.</summary>
public sealed class ComplaintProductUsage(KehuDbContext db, IStringLocalizer<SharedResource> l) : IProductUsage
{
    public async Task<string?> DescribeAsync(long productId, CancellationToken ct)
    {
        var count = await db.Complaints.Where(c => c.ProductId == productId).Take(1001).CountAsync(ct);
        return count == 0 ? null : l["{0} 张投诉单", count > 1000 ? "1,000+" : count.ToString(CultureInfo.CurrentCulture)].Value;
    }
}

public sealed record ProductComplaintsView(long ProductId, IReadOnlyList<ComplaintSummary> Newest, int Count, bool CountIsCapped);

/// <summary>The complaints naming a product, for the product page: the newest the user may see
/// (<see cref="ComplaintScope"/>) and a link to the complaint list filtered to the product.</summary>
public sealed class ProductComplaintsViewComponent(ComplaintScope scope) : ViewComponent
{
    public const int Shown = 10;
    private const int CountCap = 1000;

    public async Task<IViewComponentResult> InvokeAsync(long productId)
    {
        var ct = HttpContext.RequestAborted;
        var complaints = (await scope.VisibleAsync(UserClaimsPrincipal.RequiredUserId(), ct)).Where(c => c.ProductId == productId);
        var newest = await complaints.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(Shown)
            .Select(c => new ComplaintSummary(c.Id, c.Number, c.Subject, c.ReceivedAt, c.State)).ToListAsync(ct);
        var count = newest.Count < Shown ? newest.Count : await complaints.Take(CountCap + 1).CountAsync(ct);
        return View("~/Modules/Service/Pages/Complaints/_ProductComplaints.cshtml",
            new ProductComplaintsView(productId, newest, Math.Min(count, CountCap), count > CountCap));
    }
}
