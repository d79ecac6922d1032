using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Documents.Pages;

/// <summary>文档库: the library's documents (or, from a record's 附件 card, that record's), filtered
/// by category and name, with upload to the library and delete.</summary>
public sealed class IndexModel(ListDocuments list, DocumentDtos dtos, DocumentAccess access, CustomerLookups lookups,
    UploadDocument upload, DeleteDocument delete, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DocumentQuery Query { get; set; } = new();

    public Page<Document> Result { get; private set; } = new([], null, null, 0, false);
    public IReadOnlyList<DocumentDto> Items { get; private set; } = [];
    public IReadOnlyList<OptionChoice> Categories { get; private set; } = [];
    /// <summary>The record whose attachments are listed, when the list is not the library.</summary>
    public DocumentOwnerLink? Owner { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (!await ScopeAsync(userId, ct)) return NotFound();
        Result = await list.HandleAsync(userId, Query, ct);
        Items = await dtos.ForAsync(userId, Result.Items, ct);
        Categories = await lookups.OptionsAsync(OptionLists.DocumentCategory, ct);
        Error = TempData[AttachmentsCard.ErrorKey] as string;
        return Page();
    }

    /// <summary>导出: what the page lists (the library, or one record's attachments) with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportDocuments export, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (!await ScopeAsync(userId, ct)) return NotFound();
        return await export.HandleAsync(userId, format, Query, ct);
    }

    /// <summary>The page lists one record's attachments, when the user may see the record, or else the library.</summary>
    private async Task<bool> ScopeAsync(long userId, CancellationToken ct)
    {
        if (Query.OwnerType is { Length: > 0 } kind && kind != DocumentQuery.Library)
        {
            if (access.Owner(kind) is not { } owner || Query.OwnerId is not { } ownerId || !await owner.CanSeeAsync(userId, ownerId, ct)) return false;
            Owner = await owner.LinkAsync(ownerId, ct);
        }
        else
        {
            Query.OwnerType = DocumentQuery.Library;
            Query.OwnerId = null;
        }
        return true;
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, long? categoryId, string? title, CancellationToken ct)
    {
        var result = await upload.HandleAsync(User.RequiredUserId(), null, null, file, categoryId, title, ct);
        if (result.IsSuccess) TempData["Flash"] = l["已上传文档 {0}", result.Value.FileName].Value;
        else TempData[AttachmentsCard.ErrorKey] = AttachedModel.Message(result.Error!);
        return Redirect("/documents");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long documentId, CancellationToken ct)
    {
        var result = await delete.HandleAsync(User.RequiredUserId(), documentId, ct);
        if (!result.IsSuccess) return result.Error!.ToActionResult();
        TempData["Flash"] = l["已删除文档 {0}", result.Value.FileName].Value;
        return Redirect("/documents");
    }
}
