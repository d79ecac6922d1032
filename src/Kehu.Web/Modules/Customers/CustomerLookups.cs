using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

public sealed record OptionChoice(long Id, string Name, bool IsActive);

public sealed record UserChoice(long Id, string DisplayName);

/// <summary>The names behind the ids a company carries: option lists and users, for drop-downs
/// and for showing a record. Loaded once per request.</summary>
public sealed class CustomerLookups(KehuDbContext db, Kehu.Web.Platform.Caching.ReferenceCache cache)
{
    private Dictionary<string, List<OptionChoice>>? options;
    private List<UserChoice>? users;

    public async Task<IReadOnlyList<OptionChoice>> OptionsAsync(string list, CancellationToken ct = default)
    {
        options ??= await cache.GetAsync("options", async () =>
            (await db.OptionItems.AsNoTracking().OrderBy(o => o.SortOrder).ThenBy(o => o.Id).ToListAsync(ct))
            .GroupBy(o => o.ListCode)
            .ToDictionary(g => g.Key, g => g.Select(o => new OptionChoice(o.Id, o.Name, o.IsActive)).ToList()));
        return options.TryGetValue(list, out var items) ? items : [];
    }

    /// <summary>For validation: the cached lists first, then the database, so an option another
    /// server added a moment ago is not refused.</summary>
    public async Task<OptionChoice?> FindOptionAsync(string list, long id, CancellationToken ct = default) =>
        (await OptionsAsync(list, ct)).FirstOrDefault(o => o.Id == id)
        ?? await db.OptionItems.AsNoTracking().Where(o => o.Id == id && o.ListCode == list)
            .Select(o => new OptionChoice(o.Id, o.Name, o.IsActive)).FirstOrDefaultAsync(ct);

    public async Task<string?> OptionNameAsync(string list, long? id, CancellationToken ct = default) =>
        id is null ? null : (await OptionsAsync(list, ct)).FirstOrDefault(o => o.Id == id)?.Name;

    /// <summary>A list's option names by id, for an export.</summary>
    public async Task<IReadOnlyDictionary<long, string>> OptionNamesAsync(string list, CancellationToken ct = default) =>
        (await OptionsAsync(list, ct)).ToDictionary(o => o.Id, o => o.Name);

    /// <summary>A page of an export with each item's company name, read in one query for the page.</summary>
    public async Task<Page<(T Item, string? Company)>> WithCompanyNamesAsync<T>(Page<T> page, Func<T, long> companyId, CancellationToken ct = default)
    {
        var ids = page.Items.Select(companyId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return new Page<(T, string?)>(page.Items.Select(i => (i, names.GetValueOrDefault(companyId(i)))).ToList(), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
    }

    /// <summary>Every user's name by id, former colleagues too (an old record's owner), for an export.</summary>
    public async Task<IReadOnlyDictionary<long, string>> AllUserNamesAsync(CancellationToken ct = default) =>
        await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

    public async Task<IReadOnlyList<UserChoice>> UsersAsync(CancellationToken ct = default) =>
        users ??= await cache.GetAsync("users", () => db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Id)
            .Select(u => new UserChoice(u.Id, u.DisplayName)).ToListAsync(ct));

    public async Task<string?> UserNameAsync(long? id, CancellationToken ct = default)
    {
        if (id is null) return null;
        var name = (await UsersAsync(ct)).FirstOrDefault(u => u.Id == id)?.DisplayName;
        return name ?? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
    }

    /// <summary>The users a person may make the owner of a record: anyone, for those who see all
    /// data; their department's members, for a manager; otherwise only themselves.</summary>
    public async Task<IReadOnlyList<UserChoice>> AssignableOwnersAsync(DataScope scope, CancellationToken ct = default)
    {
        var all = await UsersAsync(ct);
        if (scope.SeesAll) return all;
        return all.Where(u => scope.OwnerIds.Contains(u.Id)).ToList();
    }
}
