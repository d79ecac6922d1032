using Kehu.Web.Modules.Documents;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>A company's attachments: seen by whoever sees the company (its owner, their manager,
/// those who see all data, colleagues it is shared with), who may also attach files, as they may
/// edit it and add contacts to it.</summary>
public sealed class CompanyDocuments(KehuDbContext db, DataScopeProvider scopes) : IDocumentOwner
{
    public const string OwnerKind = "companies";

    public string Kind => OwnerKind;

    public string HistoryEntityType => nameof(Company);

    public async Task<IQueryable<long>?> VisibleIdsAsync(long userId, CancellationToken ct) =>
        (await CompanyScope.VisibleAsync(db, scopes, userId, ct)).Select(c => c.Id);

    public async Task<bool> CanSeeAsync(long userId, long id, CancellationToken ct) =>
        await CompanyScope.AccessAsync(db, await scopes.ForAsync(userId, ct), id, ct) != CompanyAccess.None;

    public Task<bool> CanAttachAsync(long userId, long id, CancellationToken ct) => CanSeeAsync(userId, id, ct);

    public async Task<DocumentOwnerLink?> LinkAsync(long id, CancellationToken ct) =>
        await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) is { } name
            ? new DocumentOwnerLink(name, $"/customers/companies/{id}")
            : null;
}

/// <summary>A company with attachments cannot be deleted (its files would be left to no one).</summary>
public sealed class CompanyAttachmentReferences(KehuDbContext db) : ICompanyReferences
{
    public string Label => "附件";

    public Task<int> CountAsync(long companyId, CancellationToken ct) =>
        db.Documents.CountAsync(d => d.OwnerType == CompanyDocuments.OwnerKind && d.OwnerId == companyId, ct);
}
