using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Service.Pages.Complaints;

public sealed class DetailModel(
    ComplaintScope scope,
    SaveComplaint save,
    DocumentStatusQuery status,
    CustomerLookups lookups,
    ProductCatalog products,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Complaint Complaint { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public ProductRef? Product { get; private set; }
    public List<ServiceTicket> Tickets { get; private set; } = [];
    public DocumentStatus Status { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public bool MaySubmit { get; private set; }
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var complaint = await (await scope.VisibleAsync(userId, ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return NotFound();
        Complaint = complaint;
        CompanyName = await db.Companies.AsNoTracking().Where(c => c.Id == complaint.CompanyId).Select(c => c.Name).FirstAsync(ct);
        if (complaint.ProductId is { } productId) Product = await products.FindAsync(productId, ct);
        Tickets = await db.ServiceTickets.AsNoTracking().Where(t => t.ComplaintId == id).OrderBy(t => t.Id).ToListAsync(ct);
        Status = await status.ForAsync(ComplaintWorkflow.DocumentType, nameof(Service.Complaint), id, userId, ct);
        MayEdit = (await save.MayEditAsync(userId, id, ct)).IsSuccess;
        MaySubmit = MayEdit && (Status.Instance is null || Status.MyTaskIsStart(ComplaintWorkflow.Workflow));
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        var result = await save.SubmitAsync(User.RequiredUserId(), id, ct);
        if (result.IsSuccess) TempData["Flash"] = l["投诉单已提交给技术部经理"].Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else TempData["Error"] = result.Error.Message;
        return Redirect($"/service/complaints/{id}");
    }
}
