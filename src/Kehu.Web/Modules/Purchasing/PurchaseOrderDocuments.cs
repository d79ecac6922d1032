using Kehu.Web.Modules.Documents;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>A 采购单's attachments: seen by whoever sees purchase orders (the purchasing and finance
/// roles, <see cref="PurchaseOrderWorkflow.ViewerRoles"/>), who may also attach files at any step.</summary>
public sealed class PurchaseOrderDocuments(KehuDbContext db, PurchaseOrderWorkflow workflow) : IDocumentOwner
{
    public string Kind => "purchase-orders";

    public string HistoryEntityType => nameof(PurchaseOrder);

    public async Task<IQueryable<long>?> VisibleIdsAsync(long userId, CancellationToken ct) =>
        await workflow.MaySeeAsync(userId, ct) ? db.PurchaseOrders.AsNoTracking().Select(o => o.Id) : null;

    public Task<bool> CanSeeAsync(long userId, long id, CancellationToken ct) => workflow.CanSeeAsync(userId, id, ct);

    public Task<bool> CanAttachAsync(long userId, long id, CancellationToken ct) => workflow.CanSeeAsync(userId, id, ct);

    public async Task<DocumentOwnerLink?> LinkAsync(long id, CancellationToken ct) =>
        await db.PurchaseOrders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Number).FirstOrDefaultAsync(ct) is { } number
            ? new DocumentOwnerLink(number, $"/purchasing/orders/{id}")
            : null;
}
