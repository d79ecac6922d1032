using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Documents;

/// <summary>Who may do what with documents. A library document: any signed-in user sees it; its
/// uploader or an administrator deletes it. An attached one: whoever may see its owner sees it
/// (anyone else is told it does not exist); its uploader, or whoever may attach to the owner,
/// deletes it.</summary>
public sealed class DocumentAccess(KehuDbContext db, IEnumerable<IDocumentOwner> owners, WorkflowDirectory directory)
{
    private readonly Dictionary<string, IDocumentOwner> byKind = owners.ToDictionary(o => o.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => byKind.Keys;

    public IDocumentOwner? Owner(string? kind) => kind is not null && byKind.TryGetValue(kind, out var o) ? o : null;

    /// <summary>The documents the user may see: the library, plus the attachments of every record they
    /// may see, one part per kind (an attachment of an unknown kind is seen by no one).</summary>
    public async Task<IQueryable<Document>> VisibleAsync(long userId, CancellationToken ct)
    {
        var documents = db.Documents.AsNoTracking();
        var visible = documents.Where(d => d.OwnerType == null);
        foreach (var owner in byKind.Values)
        {
            if (await owner.VisibleIdsAsync(userId, ct) is not { } ids) continue;
            var kind = owner.Kind;
            visible = visible.Concat(documents.Where(d => d.OwnerType == kind && ids.Contains(d.OwnerId!.Value)));
        }
        return visible;
    }

    /// <summary>The document when the user may see it, else null (the caller answers 404).</summary>
    public async Task<Document?> FindVisibleAsync(long userId, long id, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return document is not null && await MaySeeAsync(userId, document, ct) ? document : null;
    }

    public async Task<bool> MaySeeAsync(long userId, Document document, CancellationToken ct) =>
        document.OwnerType is null
        || Owner(document.OwnerType) is { } owner && await owner.CanSeeAsync(userId, document.OwnerId!.Value, ct);

    public async Task<bool> MayDeleteAsync(long userId, Document document, CancellationToken ct)
    {
        if (document.UploadedById == userId) return true;
        if (document.OwnerType is null) return (await directory.RolesOfAsync(userId, ct)).Contains(RoleCodes.Administrator);
        if (Owner(document.OwnerType) is not { } owner) return false;
        var id = document.OwnerId!.Value;
        if (!mayAttach.TryGetValue((userId, owner.Kind, id), out var may))
            mayAttach[(userId, owner.Kind, id)] = may = await owner.CanAttachAsync(userId, id, ct);
        return may;
    }

    /// <summary>Per request: a list of one record's attachments asks once, not once a row.</summary>
    private readonly Dictionary<(long User, string Kind, long Id), bool> mayAttach = [];
}
