using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Service.Api;

public sealed record ComplaintDto(
    long Id, string Number, long CompanyId, string? CompanyName, string Subject,
    long? TypeId, string? Type, long? ChannelId, string? Channel, long? UrgencyId, string? Urgency,
    long? ProductId, string? ProductCode, string? ProductName, string? ContactName, string? Details, long ReceivedById, string? ReceivedBy, DateTime ReceivedAt,
    string State, string? Step, string? Resolution, DateTime? ClosedAt, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record ServiceTicketDto(
    long Id, string Number, long ComplaintId, long CompanyId, string? CompanyName, long AssignedToId, string? AssignedTo, DateTime AssignedAt,
    long? ServiceStaffId, string? ServiceStaff, int? Completion, string? WorkDone, decimal? ServiceHours, string? Feedback,
    string Status, DateTime? CompletedAt, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>A document's history: the workflow timeline and the field changes saved outside it.</summary>
public sealed record DocumentHistoryDto(IReadOnlyList<TimelineItem> Workflow, IReadOnlyList<HistoryItem> Changes);

public sealed record SubmitAnswer(long InstanceId, string State, string Step, IReadOnlyList<long> NewTaskIds)
{
    /// <summary>What every <c>POST {resource}/{id}/submit</c> answers: the instance and its new tasks, or the problem.</summary>
    public static IResult From(Result<ActResult> result) => result.IsSuccess
        ? Results.Ok(new SubmitAnswer(result.Value.Instance.Id, result.Value.Instance.State.ToString(), result.Value.Instance.Step,
            result.Value.NewTasks.Select(t => t.Id).ToList()))
        : result.Error!.ToProblem();
}

public static class ComplaintsApi
{
    public static void MapComplaintsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/complaints").WithTags("complaints");

        g.MapGet("/", async ([AsParameters] ComplaintQuery query, HttpContext http, ListComplaints list, ServiceDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            return new ListResponse<ComplaintDto>(await dtos.ComplaintsAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("Complaints the caller may see, newest first (state=draft|returned|review|inService|closed, companyId, typeId, productId, assigneeId, from, to, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] ComplaintQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportService export, CancellationToken ct) =>
            await export.ComplaintsAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The complaints the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, ComplaintScope scope, ServiceDtos dtos, CancellationToken ct) =>
        {
            var complaint = await (await scope.VisibleAsync(http.User.RequiredUserId(), ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
            return complaint is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ComplaintsAsync([complaint], ct))[0]);
        }).WithSummary("One complaint");

        g.MapPost("/", async (ComplaintInput input, HttpContext http, SaveComplaint save, ServiceDtos dtos, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/complaints/{result.Value.Id}", (await dtos.ComplaintsAsync([result.Value], ct))[0])
                : result.Error!.ToProblem();
        }).WithSummary("Register a complaint (a draft; the caller is its 接待人)");

        g.MapPut("/{id:long}", async (long id, ComplaintInput input, HttpContext http, SaveComplaint save, ServiceDtos dtos, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await dtos.ComplaintsAsync([result.Value], ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("Edit a draft or returned complaint; send the version you read (409 if it changed since, 403 once submitted)");

        g.MapPost("/{id:long}/submit", async (long id, HttpContext http, SaveComplaint save, CancellationToken ct) =>
        {
            var result = await save.SubmitAsync(http.User.RequiredUserId(), id, ct);
            return SubmitAnswer.From(result);
        }).WithSummary("提交: send the complaint to the technical manager (409 if already submitted)");

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, ComplaintScope scope, TaskQueries tasks, ChangeHistory history, CancellationToken ct) =>
        {
            var visible = await (await scope.VisibleAsync(http.User.RequiredUserId(), ct)).AnyAsync(c => c.Id == id, ct);
            if (!visible) return Results.Problem(statusCode: 404);
            return Results.Ok(new DocumentHistoryDto(
                await tasks.TimelineAsync(ComplaintWorkflow.DocumentType, id, ct),
                await history.ForAsync(nameof(Complaint), id, ct)));
        }).WithSummary("The complaint's workflow timeline and change history");

        var t = api.MapGroup("/service-tickets").WithTags("service-tickets");

        t.MapGet("/", async ([AsParameters] ServiceTicketQuery query, HttpContext http, ListServiceTickets list, ServiceDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            return new ListResponse<ServiceTicketDto>(await dtos.TicketsAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("Service tickets the caller may see, newest first (state=open|done|withdrawn, companyId, assigneeId, complaintId, from, to, limit, cursor)");

        t.MapGet("/export", async ([AsParameters] ServiceTicketQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportService export, CancellationToken ct) =>
            await export.TicketsAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The service tickets the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        t.MapGet("/{id:long}", async (long id, HttpContext http, ComplaintScope scope, ServiceDtos dtos, CancellationToken ct) =>
        {
            var ticket = await (await scope.VisibleTicketsAsync(http.User.RequiredUserId(), ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            return ticket is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.TicketsAsync([ticket], ct))[0]);
        }).WithSummary("One service ticket; it is handled through its task (POST /api/v1/tasks/{id}/complete)");

        t.MapGet("/{id:long}/history", async (long id, HttpContext http, ComplaintScope scope, ChangeHistory history, CancellationToken ct) =>
        {
            var visible = await (await scope.VisibleTicketsAsync(http.User.RequiredUserId(), ct)).AnyAsync(x => x.Id == id, ct);
            return visible ? Results.Ok(await history.ForAsync(nameof(ServiceTicket), id, ct)) : Results.Problem(statusCode: 404);
        }).WithSummary("The service ticket's change history");
    }
}

/// <summary>Complaints and tickets as the API returns them.</summary>
public sealed class ServiceDtos(KehuDbContext db, CustomerLookups lookups, ProductCatalog catalog)
{
    public async Task<List<ComplaintDto>> ComplaintsAsync(IReadOnlyList<Complaint> complaints, CancellationToken ct)
    {
        var companyIds = complaints.Select(c => c.CompanyId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var ids = complaints.Select(c => c.Id).ToList();
        var steps = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DocumentType == ComplaintWorkflow.DocumentType && ids.Contains(i.DocumentId))
            .ToDictionaryAsync(i => i.DocumentId, i => i.State == WorkflowState.Active ? i.Step : null, ct);
        var productIds = complaints.Where(c => c.ProductId is not null).Select(c => c.ProductId!.Value).Distinct().ToList();
        var products = await catalog.Query().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var result = new List<ComplaintDto>(complaints.Count);
        foreach (var c in complaints)
        {
            result.Add(new ComplaintDto(c.Id, c.Number, c.CompanyId, names.GetValueOrDefault(c.CompanyId), c.Subject,
                c.TypeId, await lookups.OptionNameAsync(OptionLists.ComplaintType, c.TypeId, ct),
                c.ChannelId, await lookups.OptionNameAsync(OptionLists.ComplaintChannel, c.ChannelId, ct),
                c.UrgencyId, await lookups.OptionNameAsync(OptionLists.ComplaintUrgency, c.UrgencyId, ct),
                c.ProductId, Product(c)?.Code, Product(c)?.Name, c.ContactName, c.Details, c.ReceivedById, await lookups.UserNameAsync(c.ReceivedById, ct), c.ReceivedAt,
                ComplaintLabels.Api(c.State), steps.GetValueOrDefault(c.Id), c.Resolution, c.ClosedAt, c.CreatedAt, c.UpdatedAt, c.Version));
        }
        return result;

        ProductRef? Product(Complaint c) => c.ProductId is { } id ? products.GetValueOrDefault(id) : null;
    }

    public async Task<List<ServiceTicketDto>> TicketsAsync(IReadOnlyList<ServiceTicket> tickets, CancellationToken ct)
    {
        var companyIds = tickets.Select(c => c.CompanyId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var result = new List<ServiceTicketDto>(tickets.Count);
        foreach (var t in tickets)
        {
            result.Add(new ServiceTicketDto(t.Id, t.Number, t.ComplaintId, t.CompanyId, names.GetValueOrDefault(t.CompanyId),
                t.AssignedToId, await lookups.UserNameAsync(t.AssignedToId, ct), t.AssignedAt,
                t.ServiceStaffId, await lookups.UserNameAsync(t.ServiceStaffId, ct), t.Completion, t.WorkDone, t.ServiceHours, t.Feedback,
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(t.Status.ToString()), t.CompletedAt, t.CreatedAt, t.UpdatedAt, t.Version));
        }
        return result;
    }
}
