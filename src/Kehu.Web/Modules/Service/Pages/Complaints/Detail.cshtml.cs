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

public sealed record ChangeView(DateTime At, string? UserName, IReadOnlyList<TimelineChange> Changes);

public sealed class DetailModel(
    ComplaintScope scope,
    SaveComplaint save,
    WorkflowEngine engine,
    TaskQueries tasks,
    ChangeHistory history,
    ComplaintWorkflow workflow,
    CustomerLookups lookups,
    ProductCatalog products,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Complaint Complaint { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public ProductRef? Product { get; private set; }
    public List<ServiceTicket> Tickets { get; private set; } = [];
    public List<TimelineItem> Timeline { get; private set; } = [];
    public List<ChangeView> Changes { get; private set; } = [];
    public WorkflowInstance? Instance { get; private set; }
    public WorkflowTask? MyTask { get; private set; }
    public string? MyTaskUrl { get; private set; }
    public bool MayEdit { get; private set; }
    public bool MaySubmit { get; private set; }
    public string? PendingWith { get; private set; }
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
        Timeline = await tasks.TimelineAsync(ComplaintWorkflow.DocumentType, id, ct);
        Instance = await engine.InstanceAsync(ComplaintWorkflow.DocumentType, id, ct);
        MyTask = await engine.ActionableTaskAsync(ComplaintWorkflow.DocumentType, id, userId, ct);
        MyTaskUrl = MyTask is null ? null : workflow.TaskUrl(MyTask);
        MayEdit = (await save.MayEditAsync(userId, id, ct)).IsSuccess;
        MaySubmit = MayEdit && (Instance is null || MyTask?.Step == ComplaintWorkflow.Register);
        var pending = await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.DocumentType == ComplaintWorkflow.DocumentType && t.DocumentId == id && t.Status == WorkflowTaskStatus.Pending)
            .Select(t => new { t.AssigneeId, t.CandidateRole }).FirstOrDefaultAsync(ct);
        if (pending is not null)
        {
            PendingWith = pending.AssigneeId is { } a
                ? await lookups.UserNameAsync(a, ct)
                : l[Identity.RoleCodes.BuiltIn.FirstOrDefault(r => r.Code == pending.CandidateRole).Name ?? pending.CandidateRole ?? ""];
        }
        foreach (var h in await history.ForAsync(nameof(Service.Complaint), id, ct))
        {
            var changes = new List<TimelineChange>();
            foreach (var c in h.Changes)
                changes.Add(new TimelineChange(c.Field, workflow.FieldLabel(c.Field), await workflow.DisplayAsync(c.Field, c.From, ct), await workflow.DisplayAsync(c.Field, c.To, ct)));
            Changes.Add(new ChangeView(h.At, h.UserName, changes));
        }
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
