using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Documents;

/// <summary>删除: the row goes (and the owner's history notes the 附件 removed), then the file, once
/// the deletion is committed. Someone who may not see the document is told it does not exist.</summary>
public sealed class DeleteDocument(KehuDbContext db, DocumentStorage storage, DocumentAccess access, TimeProvider clock,
    IStringLocalizer<SharedResource> l, ILogger<DeleteDocument> log)
{
    public async Task<Result<Document>> HandleAsync(long userId, long id, CancellationToken ct)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await access.MaySeeAsync(userId, document, ct)) return Error.NotFound(l["文档不存在"]);
        if (!await access.MayDeleteAsync(userId, document, ct))
            return Error.Forbidden(document.IsInLibrary ? l["只有上传人和系统管理员可以删除这个文档"] : l["只有上传人和可以添加附件的人可以删除这个附件"]);
        db.Documents.Remove(document);
        if (access.Owner(document.OwnerType) is { } owner)
            db.ChangeLog.Add(new ChangeLogEntry(owner.HistoryEntityType, document.OwnerId!.Value, ChangeAction.Updated, userId,
                clock.GetUtcNow().UtcDateTime, [new FieldChange(UploadDocument.AttachmentField, document.FileName, null)]));
        await db.SaveChangesAsync(ct);
        try
        {
            storage.Delete(document.StoredName);
        }
        catch (IOException e)
        {
            // The row is gone, so the file can no longer be reached; an administrator may sweep it.
            log.LogWarning(e, "Could not remove the file {StoredName} of deleted document {DocumentId}", document.StoredName, document.Id);
        }
        return document;
    }
}
