using Kehu.Web.Modules.Identity;
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
    ShareCompany sharing,
    ChangeHistory history,
    CustomerLookups lookups,
    DataScopeProvider scopes,
    KehuDbContext db,
    Service.CompanyComplaints companyComplaints,
    IEnumerable<ICompanyPanels> panelSources,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int RecordsShown = 100;

    public Company Company { get; private set; } = null!;
    public CompanyAccess Access { get; private set; }
    public List<Contact> Contacts { get; private set; } = [];
    public List<ContactRecord> Records { get; private set; } = [];
    public int RecordCount { get; private set; }
    public List<ShareView> Shares { get; private set; } = [];
    /// <summary>Active colleagues the company could still be shared with: not the owner, not already.</summary>
    public List<UserChoice> ShareCandidates { get; private set; } = [];
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    public List<Service.ComplaintSummary> Complaints { get; private set; } = [];
    public int ComplaintCount { get; private set; }
    /// <summary>Other modules' cards: orders, receipts, payments, balances (<see cref="ICompanyPanels"/>).</summary>
    public List<Panel> Panels { get; private set; } = [];
    public CustomerLookups Lookups => lookups;

    [BindProperty]
    public ShareInput Share { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

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

    /// <summary>Adds a colleague to 共享给. Plain form post or htmx (which swaps the shares and
    /// history cards out of the page it is redirected to).</summary>
    public async Task<IActionResult> OnPostShareAsync(long id, CancellationToken ct)
    {
        var result = await sharing.ShareAsync(User.RequiredUserId(), id, Share, ct);
        if (result.IsSuccess) return SharesChanged(id);
        if (result.Error!.Kind != ErrorKind.Validation) return result.Error.ToActionResult();
        result.Error.AddTo(ModelState, nameof(Share));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUnshareAsync(long id, long userId, CancellationToken ct)
    {
        var result = await sharing.UnshareAsync(User.RequiredUserId(), id, userId, ct);
        if (result.IsSuccess) return SharesChanged(id);
        // Already taken back (a second click, another tab): the page shows how things are now.
        if (result.Error!.Kind == ErrorKind.NotFound && await details.FindAsync(User.RequiredUserId(), id, ct) is not null)
            return SharesChanged(id);
        return result.Error.ToActionResult();
    }

    private RedirectResult SharesChanged(long id)
    {
        TempData["SharesChanged"] = true;
        return Redirect($"/customers/companies/{id}#shares");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var company = await details.FindAsync(userId, id, ct);
        if (company is null) return false;
        Company = company;
        Access = await CompanyScope.AccessAsync(db, await scopes.ForAsync(userId, ct), id, ct);
        Contacts = await db.Contacts.AsNoTracking().Where(c => c.CompanyId == id)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Id).ToListAsync(ct);
        Records = await db.ContactRecords.AsNoTracking().Where(r => r.CompanyId == id)
            .OrderByDescending(r => r.ContactedAt).ThenByDescending(r => r.Id).Take(RecordsShown).ToListAsync(ct);
        RecordCount = Records.Count < RecordsShown ? Records.Count : await db.ContactRecords.CountAsync(r => r.CompanyId == id, ct);
        Shares = await sharing.SharesOfAsync(id, ct);
        if (Access == CompanyAccess.Full)
        {
            ShareCandidates = (await lookups.UsersAsync(ct))
                .Where(u => u.Id != company.OwnerId && Shares.All(s => s.UserId != u.Id)).ToList();
        }
        History = await history.ForAsync(nameof(Customers.Company), id, ct);
        (Complaints, ComplaintCount) = await companyComplaints.ForAsync(id, 10, ct);
        foreach (var source in panelSources.OrderBy(p => p.Order)) Panels.AddRange(await source.ForAsync(userId, company, ct));
        return true;
    }
}
