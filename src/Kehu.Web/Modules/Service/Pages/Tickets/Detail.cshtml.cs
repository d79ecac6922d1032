using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Service.Pages.Tickets;

public sealed class DetailModel(ComplaintScope scope, WorkflowEngine engine, TaskQueries tasks, ComplaintWorkflow workflow, CustomerLookups lookups, KehuDbContext db) : PageModel
{
    public ServiceTicket Ticket { get; private set; } = null!;
    public Complaint Complaint { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public List<TimelineItem> Timeline { get; private set; } = [];
    public string? MyTaskUrl { get; private set; }
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var ticket = await (await scope.VisibleTicketsAsync(userId, ct)).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return NotFound();
        Ticket = ticket;
        Complaint = await db.Complaints.AsNoTracking().FirstAsync(c => c.Id == ticket.ComplaintId, ct);
        CompanyName = await db.Companies.AsNoTracking().Where(c => c.Id == ticket.CompanyId).Select(c => c.Name).FirstAsync(ct);
        Timeline = await tasks.TimelineAsync(ComplaintWorkflow.DocumentType, ticket.ComplaintId, ct);
        var task = await engine.ActionableTaskAsync(ComplaintWorkflow.DocumentType, ticket.ComplaintId, userId, ct);
        if (task is { Step: ComplaintWorkflow.Service } && ticket.Status == ServiceTicketState.Open) MyTaskUrl = workflow.TaskUrl(task);
        return Page();
    }
}
