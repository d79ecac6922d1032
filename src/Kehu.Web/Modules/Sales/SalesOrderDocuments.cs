using Kehu.Web.Modules.Documents;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Sales;

/// <summary>A 销售单's attachments: seen by whoever sees the order (<see cref="SalesOrderAccess"/>),
/// who may also attach files (a signed contract, a delivery note) at any step.</summary>
public sealed class SalesOrderDocuments(KehuDbContext db, SalesOrderAccess access) : IDocumentOwner
{
    public string Kind => "sales-orders";

    public string HistoryEntityType => nameof(SalesOrder);

    public async Task<IQueryable<long>?> VisibleIdsAsync(long userId, CancellationToken ct) =>
        (await access.VisibleAsync(userId, ct))?.Select(o => o.Id);

    public async Task<bool> CanSeeAsync(long userId, long id, CancellationToken ct) =>
        await access.VisibleAsync(userId, ct) is { } visible && await visible.AnyAsync(o => o.Id == id, ct);

    public Task<bool> CanAttachAsync(long userId, long id, CancellationToken ct) => CanSeeAsync(userId, id, ct);

    public async Task<DocumentOwnerLink?> LinkAsync(long id, CancellationToken ct) =>
        await db.SalesOrders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Number).FirstOrDefaultAsync(ct) is { } number
            ? new DocumentOwnerLink(number, $"/sales/orders/{id}")
            : null;
}
