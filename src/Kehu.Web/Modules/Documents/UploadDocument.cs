using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Documents;

/// <summary>What is uploaded: the file as sent (its name may hold a path, which is dropped), and
/// the optional category (文档分类) and title.</summary>
public sealed record DocumentUpload(Stream Content, string? FileName, long? Length, long? CategoryId, string? Title);

/// <summary>上传: checks the owner (the user must see it and may attach to it), the name, the size
/// and the type by content; then stores the file and records it, with the owner's history noting
/// the new 附件. A refusal leaves neither a row nor a file.</summary>
public sealed class UploadDocument(KehuDbContext db, DocumentStorage storage, DocumentAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const string AttachmentField = "附件";

    /// <summary>An upload from a form (the API's or a page's); no file is refused like an empty name.</summary>
    public async Task<Result<Document>> HandleAsync(long userId, string? ownerType, long? ownerId, IFormFile? file, long? categoryId, string? title, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        return await HandleAsync(userId, ownerType, ownerId, new DocumentUpload(content, file?.FileName, file?.Length, categoryId, title), ct);
    }

    public async Task<Result<Document>> HandleAsync(long userId, string? ownerType, long? ownerId, DocumentUpload upload, CancellationToken ct)
    {
        IDocumentOwner? owner = null;
        if (ownerType is not null)
        {
            owner = access.Owner(ownerType);
            if (owner is null || ownerId is not { } id || !await owner.CanSeeAsync(userId, id, ct)) return Error.NotFound(l["记录不存在"]);
            if (!await owner.CanAttachAsync(userId, id, ct)) return Error.Forbidden(l["你不能给这条记录添加附件"]);
        }

        var check = new Validation();
        var fileName = FileNames.Clean(upload.FileName);
        if (upload.FileName is null) check.Add("file", l["请选择要上传的文件"]);
        else if (fileName is null) check.Add("file", l["文件名无效：不能为空，也不能含有控制字符"]);
        else if (upload.Length == 0) check.Add("file", l["文件是空的"]);
        else if (upload.Length > storage.MaxBytes) check.Add("file", TooLarge());
        if (upload.CategoryId is { } category && !await db.OptionItems.AnyAsync(o => o.Id == category && o.ListCode == OptionLists.DocumentCategory && o.IsActive, ct))
            check.Add("categoryId", l["请选择有效的文档分类"]);
        if (upload.Title?.Trim().Length > Document.TitleMax) check.Add("title", l["标题不能超过 {0} 个字", Document.TitleMax]);
        if (!check.IsValid) return check.ToError(l["文件没有上传"]);

        await using var received = await storage.ReceiveAsync(upload.Content, ct);
        if (received.Size == 0) return Refused(l["文件是空的"]);
        if (received.TooLarge) return Refused(TooLarge());
        if (FileTypeSniffer.Detect(received.Content, fileName!) is not { } type)
            return Refused(l["不支持这种文件，或文件内容与扩展名不符。可以上传：{0}", FileTypeSniffer.AcceptedExtensions]);

        var now = clock.GetUtcNow().UtcDateTime;
        var document = new Document(owner?.Kind, owner is null ? null : ownerId, upload.CategoryId, upload.Title,
            new StoredFile(received.Keep(), fileName!, received.Size, type.ContentType, received.Sha256), userId, now);
        db.Documents.Add(document);
        if (owner is not null)
            db.ChangeLog.Add(new ChangeLogEntry(owner.HistoryEntityType, ownerId!.Value, ChangeAction.Updated, userId, now, [new FieldChange(AttachmentField, null, document.FileName)]));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            storage.Delete(document.StoredName);
            db.ChangeTracker.Clear();
            throw;
        }
        return document;
    }

    private string TooLarge() => l["文件不能超过 {0}", FileSizes.Format(storage.MaxBytes)];

    private Error Refused(string message)
    {
        var check = new Validation().Add("file", message);
        return check.ToError(l["文件没有上传"]);
    }
}
