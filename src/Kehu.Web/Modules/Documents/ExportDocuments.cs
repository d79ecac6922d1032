using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Paging;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Documents;

/// <summary>The document list as a file, with the list's filters and the user's access. The record a
/// document belongs to is named once per record (文档库 for the library).</summary>
public sealed class ExportDocuments(ListDocuments list, DocumentAccess access, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> HandleAsync(long userId, string? format, DocumentQuery query, CancellationToken ct)
    {
        var users = await lookups.AllUserNamesAsync(ct);
        var categories = await lookups.OptionNamesAsync(OptionLists.DocumentCategory, ct);
        var owners = new Dictionary<(string, long), string?>();
        string library = l["文档库"];
        ExportColumn<(Document Document, string? Owner)>[] columns =
        [
            new("文件名", ExportKind.Text, r => r.Document.FileName),
            new("标题", ExportKind.Text, r => r.Document.Title),
            new("文档分类", ExportKind.Text, r => categories.NameOf(r.Document.CategoryId)),
            new("文件类型", ExportKind.Text, r => r.Document.ContentType),
            new("大小（字节）", ExportKind.Number, r => r.Document.Size),
            new("所属记录", ExportKind.Text, r => r.Owner),
            new("上传人", ExportKind.Text, r => users.NameOf(r.Document.UploadedById)),
            new("上传时间", ExportKind.DateTime, r => r.Document.UploadedAt),
        ];
        return await exporter.ListAsync(format, "文档", columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            var page = await list.HandleAsync(userId, query, token);
            var rows = new List<(Document, string?)>(page.Items.Count);
            foreach (var d in page.Items)
            {
                if (d.OwnerType is not { } kind || d.OwnerId is not { } ownerId)
                {
                    rows.Add((d, library));
                    continue;
                }
                if (!owners.TryGetValue((kind, ownerId), out var title))
                    owners[(kind, ownerId)] = title = access.Owner(kind) is { } owner ? (await owner.LinkAsync(ownerId, token))?.Title : null;
                rows.Add((d, title));
            }
            return new Page<(Document, string?)>(rows, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }, ct);
    }
}
