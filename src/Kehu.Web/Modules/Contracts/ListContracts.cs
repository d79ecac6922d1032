using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Contracts;

/// <summary>The 合同 list's filters, the same on the page and in the API. <see cref="EndingWithin"/>
/// keeps approved contracts whose 结束日期 is within that many days from today.</summary>
public sealed class ContractQuery
{
    /// <summary>合同编号 or a part of 合同名称.</summary>
    public string? Q { get; set; }
    public string? State { get; set; }
    public string? Kind { get; set; }
    public long? CompanyId { get; set; }
    public long? OwnerId { get; set; }
    public int? EndingWithin { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>The 合同 the user may see, newest first, keyset-paged on id.</summary>
public sealed class ListContracts(ContractAccess access, Platform.Data.CompanyTimeZone zone, TimeProvider clock)
{
    public async Task<Page<Contract>> HandleAsync(long userId, ContractQuery f, CancellationToken ct)
    {
        var query = (await access.VisibleAsync(userId, ct)).Include(c => c.Orders).AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            query = query.Where(c => c.Number == text || c.Title.Contains(text));
        }
        if (ContractLabels.ParseState(f.State) is { } state) query = query.Where(c => c.State == state);
        if (ContractLabels.ParseKind(f.Kind) is { } kind) query = query.Where(c => c.Kind == kind);
        if (f.CompanyId is { } company) query = query.Where(c => c.CompanyId == company);
        if (f.OwnerId is { } owner) query = query.Where(c => c.OwnerId == owner);
        if (f.EndingWithin is { } days and >= 0 and <= 3650)
        {
            var today = zone.Today(clock);
            query = query.Where(Contract.EndingBetween(today, today.AddDays(days)));
        }
        return await Keyset.PageAsync(query, Newest, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }

    private static readonly KeysetOrder<Contract> Newest = KeysetOrder.ById<Contract>(c => c.Id);
}
