using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.ContactRecords;

public sealed class DetailModel(
    SaveContactRecord save,
    ChangeHistory history,
    CustomerLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public ContactRecord Record { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var record = await (await save.VisibleAsync(User.RequiredUserId(), ct)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return NotFound();
        Record = record;
        CompanyName = await db.Companies.Where(c => c.Id == record.CompanyId).Select(c => c.Name).FirstAsync(ct);
        History = await history.ForAsync(nameof(ContactRecord), id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var companyId = await (await save.VisibleAsync(User.RequiredUserId(), ct)).Where(r => r.Id == id).Select(r => (long?)r.CompanyId).FirstOrDefaultAsync(ct);
        var result = await save.DeleteAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["联系记录已删除"].Value;
            return Redirect($"/customers/companies/{companyId}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/customers/contact-records/{id}");
    }
}
