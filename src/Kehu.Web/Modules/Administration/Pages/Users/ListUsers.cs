using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Administration.Pages.Users;

/// <summary><see cref="Role"/> is a role code.</summary>
public sealed record UserFilter(string? Q, string? Role, bool? Active, string? Cursor, int? Limit);

public sealed record UserPage(IReadOnlyList<User> Items, string? NextCursor);

/// <summary>Users ordered by login name, a page at a time: the user list and the API.</summary>
public sealed class ListUsers(KehuDbContext db)
{
    public async Task<UserPage> HandleAsync(UserFilter f, CancellationToken ct)
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
        if (Cursor.Decode(f.Cursor) is { Before: false } after)
        {
            var name = after.Value;
            query = query.Where(u => string.Compare(u.NormalizedUserName, name) > 0);
        }
        var limit = PageLimits.Clamp(f.Limit ?? 50);
        var rows = await query.OrderBy(u => u.NormalizedUserName).Take(limit + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new Cursor(false, rows[^1].NormalizedUserName, rows[^1].Id).Encode();
        }
        return new UserPage(rows, next);
    }
}
