using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

public sealed class DetailModel(
    CompanyDetailsQuery details,
    DeleteCompany delete,
    ChangeHistory history,
    CustomerLookups lookups,
    KehuDbContext db,
    Service.CompanyComplaints companyComplaints,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int RecordsShown = 100;

    public Company Company { get; private set; } = null!;
    public List<Contact> Contacts { get; private set; } = [];
    public List<ContactRecord> Records { get; private set; } = [];
    public int RecordCount { get; private set; }
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    public List<Service.ComplaintSummary> Complaints { get; private set; } = [];
    public int ComplaintCount { get; private set; }
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var company = await details.FindAsync(User.RequiredUserId(), id, ct);
        if (company is null) return NotFound();
        Company = company;
        Contacts = await db.Contacts.AsNoTracking().Where(c => c.CompanyId == id)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Id).ToListAsync(ct);
        Records = await db.ContactRecords.AsNoTracking().Where(r => r.CompanyId == id)
            .OrderByDescending(r => r.ContactedAt).ThenByDescending(r => r.Id).Take(RecordsShown).ToListAsync(ct);
        RecordCount = Records.Count < RecordsShown ? Records.Count : await db.ContactRecords.CountAsync(r => r.CompanyId == id, ct);
        History = await history.ForAsync(nameof(Customers.Company), id, ct);
        (Complaints, ComplaintCount) = await companyComplaints.ForAsync(id, 10, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await delete.HandleAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["客户已删除"].Value;
            return Redirect("/customers/companies");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/customers/companies/{id}");
    }
}
