using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Administration.Pages.Users;

/// <summary><see cref="Role"/> is a role code.</summary>
public sealed record UserFilter(string? Q, string? Role, bool? Active, string? Cursor, int? Limit);

/// <summary>Users ordered by login name, a page at a time: the user list and the API.</summary>
public sealed class ListUsers(KehuDbContext db)
{
    private const int DefaultLimit = 50;

    public async Task<Page<User>> HandleAsync(UserFilter f, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking().AsSplitQuery()
            .Include(u => u.Department).Include(u => u.Roles).ThenInclude(r => r.Role).AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Role)) query = query.Where(u => u.Roles.Any(r => r.Role!.Code == f.Role));
        if (f.Active is { } active) query = query.Where(u => u.IsActive == active);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            var normalized = User.Normalize(term);
            query = query.Where(u => u.NormalizedUserName.Contains(normalized) || u.DisplayName.Contains(term));
        }
        return await Keyset.PageAsync(query, ByLoginName, new PageRequest(f.Cursor, f.Limit ?? DefaultLimit, Descending: false), ct);
    }

    private static readonly KeysetOrder<User> ByLoginName = KeysetOrder.By<User>(u => u.NormalizedUserName, u => u.Id);
}
