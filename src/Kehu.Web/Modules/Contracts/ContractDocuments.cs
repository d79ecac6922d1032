using Kehu.Web.Modules.Documents;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Contracts;

/// <summary>A 合同's attachments (the signed scan, annexes): seen by whoever sees the contract
/// (<see cref="ContractAccess"/>), who may also attach files at any step — the 上级 may add a
/// countersigned copy after approving.</summary>
public sealed class ContractDocuments(KehuDbContext db, ContractAccess access) : IDocumentOwner
{
    public string Kind => "contracts";

    public string HistoryEntityType => nameof(Contract);

    public async Task<IQueryable<long>?> VisibleIdsAsync(long userId, CancellationToken ct) =>
        (await access.VisibleAsync(userId, ct)).Select(c => c.Id);

    public async Task<bool> CanSeeAsync(long userId, long id, CancellationToken ct) =>
        await (await access.VisibleAsync(userId, ct)).AnyAsync(c => c.Id == id, ct);

    public Task<bool> CanAttachAsync(long userId, long id, CancellationToken ct) => CanSeeAsync(userId, id, ct);

    public async Task<DocumentOwnerLink?> LinkAsync(long id, CancellationToken ct) =>
        await db.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Number, c.Title }).FirstOrDefaultAsync(ct) is { } c
            ? new DocumentOwnerLink($"{c.Number} {c.Title}", $"/contracts/{id}")
            : null;
}
