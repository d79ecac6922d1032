using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

/// <summary>A contact with the name of its company, as lists, the detail page and the API show it.</summary>
public sealed record ContactView(Contact Contact, string CompanyName);

/// <summary>The contacts one user may see: exactly those of the companies they may see (SPEC §1).</summary>
public static class ContactScope
{
    public static async Task<IQueryable<Contact>> VisibleAsync(KehuDbContext db, DataScopeProvider scopes, long userId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        if (await CompanyScope.FewVisibleIdsAsync(db, scope, ct) is { } few)
            return db.Contacts.AsNoTracking().Where(c => few.Contains(c.CompanyId));
        var visible = CompanyScope.Visible(db, scope);
        return db.Contacts.AsNoTracking().Where(c => visible.Any(v => v.Id == c.CompanyId));
    }

    /// <summary>Adds the company names to a page of contacts with one look-up.</summary>
    public static async Task<List<ContactView>> WithCompanyNamesAsync(KehuDbContext db, IReadOnlyList<Contact> contacts, CancellationToken ct)
    {
        var ids = contacts.Select(c => c.CompanyId).Distinct().ToList();
        var names = await db.Companies.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name })
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return contacts.Select(c => new ContactView(c, names.GetValueOrDefault(c.CompanyId, ""))).ToList();
    }
}

/// <summary>One contact, if the user may see its company.</summary>
public sealed class ContactDetailsQuery(KehuDbContext db, DataScopeProvider scopes)
{
    public async Task<ContactView?> FindAsync(long userId, long id, CancellationToken ct)
    {
        var visible = await ContactScope.VisibleAsync(db, scopes, userId, ct);
        var contact = await visible.FirstOrDefaultAsync(c => c.Id == id, ct);
        return contact is null ? null : (await ContactScope.WithCompanyNamesAsync(db, [contact], ct))[0];
    }
}
