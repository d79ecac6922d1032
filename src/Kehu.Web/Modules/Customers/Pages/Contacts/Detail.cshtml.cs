using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

public sealed class DetailModel(
    ContactDetailsQuery details,
    DeleteContact delete,
    ChangeHistory history,
    CustomerLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Contact Contact { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    /// <summary>How many contact records name this contact; they stay when it is deleted.</summary>
    public int RecordCount { get; private set; }
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var found = await details.FindAsync(User.RequiredUserId(), id, ct);
        if (found is null) return NotFound();
        (Contact, CompanyName) = (found.Contact, found.CompanyName);
        // The company narrows the count to an indexed range; ContactId alone has no index.
        RecordCount = await db.ContactRecords.CountAsync(r => r.CompanyId == found.Contact.CompanyId && r.ContactId == id, ct);
        History = await history.ForAsync(nameof(Customers.Contact), id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var companyId = (await details.FindAsync(User.RequiredUserId(), id, ct))?.Contact.CompanyId;
        var result = await delete.HandleAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["联系人已删除"].Value;
            return Redirect(companyId is null ? "/customers/contacts" : $"/customers/companies/{companyId}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/customers/contacts/{id}");
    }
}
