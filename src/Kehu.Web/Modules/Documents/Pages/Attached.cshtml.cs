using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Documents.Pages;

/// <summary>The 附件 card of one record on its own (for <c>hx-get</c>), and the card's upload and
/// delete, which return to the record's page.</summary>
public sealed class AttachedModel(DocumentAccess access, AttachmentsCard card, UploadDocument upload, DeleteDocument delete,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public AttachmentsView Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? owner, long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (access.Owner(owner) is not { } o || !await o.CanSeeAsync(userId, id, ct)) return NotFound();
        Card = await card.ForAsync(userId, o, id, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string? owner, long id, IFormFile? file, long? categoryId, string? title, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (access.Owner(owner) is not { } o || !await o.CanSeeAsync(userId, id, ct)) return NotFound();
        var result = await upload.HandleAsync(userId, o.Kind, id, file, categoryId, title, ct);
        if (result.IsSuccess) TempData["Flash"] = l["已上传附件 {0}", result.Value.FileName].Value;
        else TempData[AttachmentsCard.ErrorKey] = Message(result.Error!);
        return await BackAsync(o, id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long documentId, CancellationToken ct)
    {
        var result = await delete.HandleAsync(User.RequiredUserId(), documentId, ct);
        if (!result.IsSuccess) return result.Error!.ToActionResult();
        TempData["Flash"] = l["已删除附件 {0}", result.Value.FileName].Value;
        return await BackAsync(access.Owner(result.Value.OwnerType), result.Value.OwnerId, ct);
    }

    /// <summary>Back to the record's page (the owner says where it is), else the library.</summary>
    private async Task<IActionResult> BackAsync(IDocumentOwner? owner, long? id, CancellationToken ct) =>
        Redirect(owner is not null && id is { } ownerId && await owner.LinkAsync(ownerId, ct) is { } link ? link.Url + "#attachments" : "/documents");

    /// <summary>The field's message (it names the file or category), else the general one.</summary>
    internal static string Message(Error error) =>
        error.Fields?.Values.SelectMany(m => m).FirstOrDefault() is { } field ? $"{error.Message}：{field}" : error.Message;
}
