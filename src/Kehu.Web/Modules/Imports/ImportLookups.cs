using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Imports;

/// <summary>Names in a file resolved the way the kinds share: users by display or login name,
/// options by name, companies by normalised name among those the importer may see.</summary>
public static class ImportLookups
{
    public static async Task<Dictionary<string, long>> UsersByNameAsync(KehuDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        var byName = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in users)
        {
            byName.TryAdd(u.DisplayName, u.Id);
            byName.TryAdd(u.UserName, u.Id);
        }
        return byName;
    }

    /// <summary>Whether the user is active and has one of <paramref name="roles"/> (the roles a form's
    /// policy names), read from the database: an import is checked again when it runs.</summary>
    public static async Task<bool> HasAnyRoleAsync(IServiceScopeFactory scopes, long userId, IReadOnlyList<string> roles, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var codes = roles.ToArray();
        return await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .SelectMany(u => u.Roles).AnyAsync(r => codes.Contains(r.Role!.Code), ct);
    }

    /// <summary>The option of <paramref name="list"/> named <paramref name="text"/> (any case), or null.</summary>
    public static async Task<OptionChoice?> OptionAsync(CustomerLookups lookups, string list, string text, CancellationToken ct) =>
        (await lookups.OptionsAsync(list, ct)).FirstOrDefault(o => string.Equals(o.Name, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The visible companies named in the rows' <paramref name="key"/> column: normalised name → id.</summary>
    public static Task<Dictionary<string, long>> VisibleCompaniesAsync(KehuDbContext db, DataScope scope, IEnumerable<ImportRow> rows, string key, CancellationToken ct)
    {
        var names = rows.Select(r => NameNormalizer.Normalize(r.Text(key))).Where(n => n.Length > 0).Distinct().ToList();
        return CompanyScope.Visible(db, scope).Where(c => names.Contains(c.NormalizedName))
            .Select(c => new { c.Id, c.NormalizedName }).ToDictionaryAsync(c => c.NormalizedName, c => c.Id, ct);
    }
}
