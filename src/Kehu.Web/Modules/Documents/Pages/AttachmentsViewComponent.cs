using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Documents.Pages;

/// <summary>What the 附件 card shows: a record's attachments the user may see, and the upload form
/// when they may attach.</summary>
public sealed record AttachmentsView(string Kind, long OwnerId, IReadOnlyList<DocumentDto> Items, bool More, bool MayAttach,
    IReadOnlyList<OptionChoice> Categories, string? Error);

/// <summary>The 附件 card a record's page includes with one line:
/// <c>@await Component.InvokeAsync(typeof(AttachmentsViewComponent), new { owner = "companies", id })</c>.
/// Renders nothing when the user may not see the record.</summary>
public sealed class AttachmentsViewComponent(DocumentAccess access, AttachmentsCard card) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string owner, long id)
    {
        var userId = UserClaimsPrincipal.RequiredUserId();
        if (access.Owner(owner) is not { } o || !await o.CanSeeAsync(userId, id, HttpContext.RequestAborted))
            return Content("");
        var error = ViewContext.TempData[AttachmentsCard.ErrorKey] as string;
        return View("~/Modules/Documents/Pages/_Attachments.cshtml", await card.ForAsync(userId, o, id, error, HttpContext.RequestAborted));
    }
}

public sealed class AttachmentsCard(ListDocuments list, DocumentDtos dtos, CustomerLookups lookups)
{
    public const string ErrorKey = "DocumentError";
    public const int Shown = 50;

    public async Task<AttachmentsView> ForAsync(long userId, IDocumentOwner owner, long id, string? error, CancellationToken ct)
    {
        var page = await list.HandleAsync(userId, new DocumentQuery { OwnerType = owner.Kind, OwnerId = id, Limit = Shown }, ct);
        var categories = (await lookups.OptionsAsync(OptionLists.DocumentCategory, ct)).Where(c => c.IsActive).ToList();
        return new AttachmentsView(owner.Kind, id, await dtos.ForAsync(userId, page.Items, ct), page.NextCursor is not null,
            await owner.CanAttachAsync(userId, id, ct), categories, error);
    }
}
