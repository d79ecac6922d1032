using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Service.Api;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Contracts.Api;

public sealed record ContractOrderDto(string Type, long Id, string Number);

public sealed record ContractDto(long Id, string Number, string Title, string Kind, long CompanyId, string? Company,
    DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn, decimal? Amount, string? OurSignatory, string? TheirSignatory, string? Terms,
    long OwnerId, string? Owner, string State, string? Step, long? ApproverId, string? Approver, string? ApprovalOpinion, DateOnly? ApprovedOn,
    IReadOnlyList<long> SalesOrderIds, IReadOnlyList<long> PurchaseOrderIds, IReadOnlyList<ContractOrderDto> Orders,
    DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>合同: list, read, create, edit, delete (never submitted), submit, history. Approval is a
/// task: <c>POST /api/v1/tasks/{id}/complete</c> with approve (同意) or return (不同意, back to the
/// author; an opinion is required).</summary>
public static class ContractsApi
{
    public static void MapContractsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts").WithTags("contracts");

        g.MapGet("/", async ([AsParameters] ContractQuery query, HttpContext http, ListContracts list, ContractDtos dtos, CancellationToken ct) =>
        {
            var page = await list.HandleAsync(http.User.RequiredUserId(), query, ct);
            return new ListResponse<ContractDto>(await dtos.ForAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("合同 the user may see, newest first (q on 合同编号/合同名称, state=draft|review|returned|approved, kind=sales|purchase|other, companyId, ownerId, endingWithin=days, limit, cursor)");

        g.MapGet("/export", async ([AsParameters] ContractQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportContracts export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The 合同 the list shows with the same filters (format: xlsx|csv), all of them, as a file");

        g.MapGet("/{id:long}", async (long id, HttpContext http, ContractAccess access, ContractDtos dtos, CancellationToken ct) =>
        {
            var c = await (await access.VisibleAsync(http.User.RequiredUserId(), ct)).Include(x => x.Orders).FirstOrDefaultAsync(x => x.Id == id, ct);
            return c is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ForAsync([c], ct))[0]);
        }).WithSummary("One 合同 with its related orders");

        g.MapPost("/", async (ContractInput input, HttpContext http, SaveContract save, ContractDtos dtos, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(http.User.RequiredUserId(), input, ct);
            return result.IsSuccess
                ? Results.Created($"/api/v1/contracts/{result.Value.Id}", (await dtos.ForAsync([result.Value], ct))[0])
                : result.Error!.ToProblem();
        }).WithSummary("Fill a contract (a draft): title, kind (sales|purchase|other; sales), companyId, signedOn, startsOn, endsOn (not before startsOn), amount (≥ 0), ourSignatory, theirSignatory, terms, salesOrderIds, purchaseOrderIds (orders of the same company)");

        g.MapPut("/{id:long}", async (long id, ContractInput input, HttpContext http, SaveContract save, ContractDtos dtos, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await dtos.ForAsync([result.Value], ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("Edit a draft or returned contract (its author only); send the version you read and every field");

        g.MapDelete("/{id:long}", async (long id, int? version, HttpContext http, SaveContract save, CancellationToken ct) =>
        {
            var result = await save.DeleteAsync(http.User.RequiredUserId(), id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Delete a contract that was never submitted (its author only)");

        g.MapPost("/{id:long}/submit", async (long id, HttpContext http, SaveContract save, CancellationToken ct) =>
        {
            var result = await save.SubmitAsync(http.User.RequiredUserId(), id, ct);
            return SubmitAnswer.From(result);
        }).WithSummary("提交: send the contract to your 上级 for approval");

        g.MapGet("/{id:long}/history", async (long id, HttpContext http, ContractAccess access, TaskQueries tasks, ChangeHistory history, CancellationToken ct) =>
        {
            if (!await (await access.VisibleAsync(http.User.RequiredUserId(), ct)).AnyAsync(c => c.Id == id, ct)) return Results.Problem(statusCode: 404);
            return Results.Ok(new DocumentHistoryDto(
                await tasks.TimelineAsync(Contract.DocumentType, id, ct),
                await history.ForAsync(nameof(Contract), id, ct)));
        }).WithSummary("The contract's workflow timeline and change history");
    }
}

/// <summary>合同 as the API returns them.</summary>
public sealed class ContractDtos(KehuDbContext db, TradeLookups names)
{
    public async Task<List<ContractDto>> ForAsync(IReadOnlyList<Contract> contracts, CancellationToken ct)
    {
        var ids = contracts.Select(c => c.Id).ToList();
        var steps = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DocumentType == Contract.DocumentType && ids.Contains(i.DocumentId))
            .ToDictionaryAsync(i => i.DocumentId, i => i.State == WorkflowState.Active ? i.Step : null, ct);
        var result = new List<ContractDto>(contracts.Count);
        foreach (var c in contracts)
        {
            var orders = c.Orders.OrderBy(o => o.OrderType).ThenBy(o => o.OrderId).ToList();
            result.Add(new ContractDto(c.Id, c.Number, c.Title, ContractLabels.ApiKind(c.Kind), c.CompanyId, await names.CompanyNameAsync(c.CompanyId, ct),
                c.SignedOn, c.StartsOn, c.EndsOn, c.Amount, c.OurSignatory, c.TheirSignatory, c.Terms,
                c.OwnerId, await names.UserNameAsync(c.OwnerId, ct), ContractLabels.Api(c.State), steps.GetValueOrDefault(c.Id),
                c.ApproverId, await names.UserNameAsync(c.ApproverId, ct), c.ApprovalOpinion, c.ApprovedOn,
                orders.Where(o => o.OrderType == SalesOrder.DocumentType).Select(o => o.OrderId).ToList(),
                orders.Where(o => o.OrderType == PurchaseOrder.DocumentType).Select(o => o.OrderId).ToList(),
                orders.Select(o => new ContractOrderDto(o.OrderType, o.OrderId, o.OrderNumber)).ToList(),
                c.CreatedAt, c.UpdatedAt, c.Version));
        }
        return result;
    }
}
