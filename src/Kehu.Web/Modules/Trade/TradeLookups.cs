using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Trade;

/// <summary>Names behind an order's ids, for its pages, the 办理 page, print and the API.</summary>
public sealed class TradeLookups(KehuDbContext db, OrderLineRules lines, CustomerLookups customers)
{
    private readonly Dictionary<long, string?> companies = [];

    public Task<IReadOnlyList<UserChoice>> UsersAsync(CancellationToken ct = default) => customers.UsersAsync(ct);

    public Task<string?> UserNameAsync(long? id, CancellationToken ct = default) => customers.UserNameAsync(id, ct);

    public async Task<string?> CompanyNameAsync(long id, CancellationToken ct = default)
    {
        if (!companies.TryGetValue(id, out var name))
            companies[id] = name = await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return name;
    }

    public Task<List<OrderLineView>> LinesAsync(IEnumerable<OrderLine> orderLines, CancellationToken ct = default) => lines.ViewsAsync(orderLines, ct);
}
