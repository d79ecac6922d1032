using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Caching;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Workflow;

/// <summary>Who holds which role, who is whose 上级, and names: what the engine asks about people.
/// Kept in the reference cache, which any save to users, roles or departments empties.</summary>
public sealed class WorkflowDirectory(KehuDbContext db, ReferenceCache cache)
{
    public Task<HashSet<string>> RolesOfAsync(long userId, CancellationToken ct) =>
        cache.GetAsync("wf-roles:" + userId.ToString(CultureInfo.InvariantCulture), async () =>
            (await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
                .SelectMany(u => u.Roles).Select(r => r.Role!.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));

    /// <summary>Active users, with the role when one is given.</summary>
    public Task<List<Candidate>> ActiveUsersAsync(string? role, CancellationToken ct) =>
        cache.GetAsync("wf-users:" + (role ?? "*"), () =>
            db.Users.AsNoTracking()
                .Where(u => u.IsActive && (role == null || u.Roles.Any(r => r.Role!.Code == role)))
                .OrderBy(u => u.Id).Select(u => new Candidate(u.Id, u.DisplayName)).ToListAsync(ct));

    public async Task<string> NameAsync(long userId, CancellationToken ct) =>
        (await ActiveUsersAsync(null, ct)).FirstOrDefault(u => u.Id == userId)?.DisplayName
        ?? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
        ?? userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The 上级 (SPEC §1): the user's explicit supervisor, else their department's manager —
    /// unless that is the user themself.</summary>
    public async Task<long?> SupervisorOfAsync(long userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SupervisorId, Manager = u.Department!.ManagerId }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        if (user.SupervisorId is { } explicitSupervisor) return explicitSupervisor;
        return user.Manager is { } manager && manager != userId ? manager : null;
    }
}
