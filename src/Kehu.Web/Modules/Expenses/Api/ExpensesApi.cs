using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Service.Api;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Expenses.Api;

public sealed record ExpenseLineDto(int LineNo, long ExpenseTypeId, string? ExpenseType, decimal Amount, string? Description, int Receipts);

public sealed record ExpenseClaimDto(long Id, string Number, DateOnly ClaimDate, long ApplicantId, string? Applicant, long ClaimantId, string? Claimant,
    long? DepartmentId, string? Department, long? CompanyId, string? Company, string? Notes, string State, string? Step,
    decimal Total, long? AdvanceId, string? AdvanceNumber, decimal OffsetAmount, decimal PayableAmount,
    DateOnly? PaymentDate, string? PaymentMethod, decimal? PaymentAmount, long? PayerId, string? Payer,
    IReadOnlyList<ExpenseLineDto> Lines, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record AdvanceSettlementDto(long Id, string Kind, decimal Amount, DateOnly Date, long? ClaimId, string? Note, long RecordedById, string? RecordedBy, DateTime RecordedAt);

public sealed record ExpenseAdvanceDto(long Id, string Number, DateOnly AdvanceDate, long ApplicantId, string? Applicant, long BorrowerId, string? Borrower,
    long? DepartmentId, string? Department, decimal Amount, string Reason, DateOnly? ExpectedRepaymentDate, string State, string? Step,
    decimal Offset, decimal Repaid, decimal Open, bool Settled,
    DateOnly? PaymentDate, string? PaymentMethod, decimal? PaymentAmount, long? PayerId, string? Payer,
    IReadOnlyList<AdvanceSettlementDto> Settlements, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>The advance list, with the open totals per employee when <c>open=true</c>.</summary>
public sealed record AdvanceListResponse(IReadOnlyList<ExpenseAdvanceDto> Items, string? NextCursor, string? PreviousCursor, int? Total, bool TotalIsCapped,
    IReadOnlyList<OpenAdvanceTotal>? OpenTotals);

/// <summary>费用报销单 and 费用借支单: list, read, create, edit (with version), delete (never submitted),
/// submit, history; 还款 on an advance. Approval and payment are tasks:
/// <c>POST /api/v1/tasks/{id}/complete</c> with approve / reject / return (上级审批) and pay / reject /
/// return (财务审批: paymentAmount, paymentMethod, paymentDate, payerId).</summary>
public static class ExpensesApi
{
    public static void MapExpensesApi(this RouteGroupBuilder api)
    {
        var claims = api.MapGroup("/expense-claims").WithTags("expense-claims");
        claims.MapGet("/", async ([AsParameters] ExpenseQuery query, HttpContext http, ListExpenses list, ExpenseDtos dtos, CancellationToken ct) =>
        {
            var page = await list.ClaimsAsync(http.User.RequiredUserId(), query, ct);
            return new ListResponse<ExpenseClaimDto>(await dtos.ClaimsAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
        }).WithSummary("费用报销单 the user may see, newest first (q on 单据编号, state=draft|returned|supervisorReview|financeReview|paid|rejected, personId (报销人), from, to on 开单日期, limit, cursor)");
        claims.MapGet("/export", async ([AsParameters] ExpenseQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportExpenses export, CancellationToken ct) =>
            await export.ClaimsAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The 费用报销单 the list shows with the same filters (format: xlsx|csv), all of them, as a file");
        claims.MapGet("/{id:long}", async (long id, HttpContext http, ExpenseAccess access, ExpenseDtos dtos, CancellationToken ct) =>
        {
            var c = await (await access.ClaimsAsync(http.User.RequiredUserId(), ct)).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
            return c is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.ClaimsAsync([c], ct))[0]);
        }).WithSummary("One 费用报销单 with its lines, 合计, 冲抵 and 实付金额");
        var claimWrites = new Writes<ExpenseClaim, ExpenseClaimInput, ExpenseClaimDetails, ExpenseClaimDto>("expense-claims", ExpenseClaim.DocumentType, nameof(ExpenseClaim),
            sp => sp.GetRequiredService<SaveExpenseClaim>(), (dtos, c, ct) => dtos.ClaimsAsync([c], ct), (access, user, ct) => access.ClaimsAsync(user, ct));
        claims.MapPost("/", (ExpenseClaimInput input, HttpContext http, CancellationToken ct) => claimWrites.CreateAsync(http, input, ct))
            .WithSummary("Fill a claim (a draft; any employee): claimDate (today), claimantId (you), companyId, notes, lines of expenseTypeId, amount, description, receipts; advanceId and offsetAmount to offset an open advance of the claimant");
        claims.MapPut("/{id:long}", (long id, ExpenseClaimInput input, HttpContext http, CancellationToken ct) => claimWrites.UpdateAsync(http, id, input, ct))
            .WithSummary("Edit a draft or returned claim (its applicant only); send the version you read and all lines");
        MapWrites(claims, claimWrites);

        var advances = api.MapGroup("/expense-advances").WithTags("expense-advances");
        advances.MapGet("/", async ([AsParameters] ExpenseQuery query, HttpContext http, ListExpenses list, ExpenseDtos dtos, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            var page = await list.AdvancesAsync(userId, query, ct);
            return new AdvanceListResponse(await dtos.AdvancesAsync(page.Items, ct), page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped,
                query.Open == true ? await list.OpenTotalsAsync(userId, ct) : null);
        }).WithSummary("费用借支单 the user may see, newest first (q, state, personId (借款人), from, to, open=true: paid and not settled, with openTotals per employee; limit, cursor)");
        advances.MapGet("/export", async ([AsParameters] ExpenseQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportExpenses export, CancellationToken ct) =>
            await export.AdvancesAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("The 费用借支单 the list shows with the same filters (format: xlsx|csv), all of them, as a file");
        advances.MapGet("/{id:long}", async (long id, HttpContext http, ExpenseAccess access, ExpenseDtos dtos, CancellationToken ct) =>
        {
            var a = await (await access.AdvancesAsync(http.User.RequiredUserId(), ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            return a is null ? Results.Problem(statusCode: 404) : Results.Ok((await dtos.AdvancesAsync([a], ct))[0]);
        }).WithSummary("One 费用借支单 with its offsets and repayments and what is open");
        var advanceWrites = new Writes<ExpenseAdvance, ExpenseAdvanceInput, ExpenseAdvanceDetails, ExpenseAdvanceDto>("expense-advances", ExpenseAdvance.DocumentType, nameof(ExpenseAdvance),
            sp => sp.GetRequiredService<SaveExpenseAdvance>(), (dtos, a, ct) => dtos.AdvancesAsync([a], ct), (access, user, ct) => access.AdvancesAsync(user, ct));
        advances.MapPost("/", (ExpenseAdvanceInput input, HttpContext http, CancellationToken ct) => advanceWrites.CreateAsync(http, input, ct))
            .WithSummary("Fill an advance (a draft; any employee): advanceDate (today), borrowerId (you), amount (> 0), reason, expectedRepaymentDate");
        advances.MapPut("/{id:long}", (long id, ExpenseAdvanceInput input, HttpContext http, CancellationToken ct) => advanceWrites.UpdateAsync(http, id, input, ct))
            .WithSummary("Edit a draft or returned advance (its applicant only); send the version you read");
        MapWrites(advances, advanceWrites);
        advances.MapPost("/{id:long}/repayments", async (long id, RecordRepayment.Input input, HttpContext http, RecordRepayment repay, ExpenseDtos dtos, CancellationToken ct) =>
        {
            var result = await repay.HandleAsync(http.User.RequiredUserId(), id, input, ct);
            return result.IsSuccess ? Results.Ok((await dtos.AdvancesAsync([result.Value], ct))[0]) : result.Error!.ToProblem();
        }).WithSummary("还款 (finance manager): amount (at most what is open), date (today), note, version");
    }

    /// <summary>Create, update, delete, submit and history, alike for both documents. The handlers
    /// name their concrete types (the route analyzer cannot read generic ones); the work is shared.</summary>
    private static void MapWrites<T, TInput, TDetails, TDto>(RouteGroupBuilder g, Writes<T, TInput, TDetails, TDto> w)
        where T : ExpenseDocument where TInput : IExpenseInput where TDetails : class
    {
        g.MapDelete("/{id:long}", (long id, int? version, HttpContext http, CancellationToken ct) => w.DeleteAsync(http, id, version, ct))
            .WithSummary("Delete one never submitted (its applicant only)");
        g.MapPost("/{id:long}/submit", (long id, HttpContext http, CancellationToken ct) => w.SubmitAsync(http, id, ct))
            .WithSummary("提交: to the applicant's 上级, or to finance when they have none");
        g.MapGet("/{id:long}/history", (long id, HttpContext http, CancellationToken ct) => w.HistoryAsync(http, id, ct))
            .WithSummary("The workflow timeline and change history");
    }
}

/// <summary>The writes both expense resources share, resolved per request.</summary>
public sealed class Writes<T, TInput, TDetails, TDto>(string resource, string documentType, string entityType,
    Func<IServiceProvider, SaveExpense<T, TInput, TDetails>> save,
    Func<ExpenseDtos, T, CancellationToken, Task<List<TDto>>> dto,
    Func<ExpenseAccess, long, CancellationToken, Task<IQueryable<T>>> visible)
    where T : ExpenseDocument where TInput : IExpenseInput where TDetails : class
{
    public async Task<IResult> CreateAsync(HttpContext http, TInput input, CancellationToken ct)
    {
        var result = await save(http.RequestServices).CreateAsync(http.User.RequiredUserId(), input, ct);
        return result.IsSuccess
            ? Results.Created($"/api/v1/{resource}/{result.Value.Id}", (await dto(Dtos(http), result.Value, ct))[0])
            : result.Error!.ToProblem();
    }

    public async Task<IResult> UpdateAsync(HttpContext http, long id, TInput input, CancellationToken ct)
    {
        var result = await save(http.RequestServices).UpdateAsync(http.User.RequiredUserId(), id, input, ct);
        return result.IsSuccess ? Results.Ok((await dto(Dtos(http), result.Value, ct))[0]) : result.Error!.ToProblem();
    }

    public async Task<IResult> DeleteAsync(HttpContext http, long id, int? version, CancellationToken ct)
    {
        var result = await save(http.RequestServices).DeleteAsync(http.User.RequiredUserId(), id, version, ct);
        return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
    }

    public async Task<IResult> SubmitAsync(HttpContext http, long id, CancellationToken ct)
    {
        var result = await save(http.RequestServices).SubmitAsync(http.User.RequiredUserId(), id, ct);
        return SubmitAnswer.From(result);
    }

    public async Task<IResult> HistoryAsync(HttpContext http, long id, CancellationToken ct)
    {
        var services = http.RequestServices;
        if (!await (await visible(services.GetRequiredService<ExpenseAccess>(), http.User.RequiredUserId(), ct)).AnyAsync(d => d.Id == id, ct))
            return Results.Problem(statusCode: 404);
        return Results.Ok(new DocumentHistoryDto(
            await services.GetRequiredService<TaskQueries>().TimelineAsync(documentType, id, ct),
            await services.GetRequiredService<ChangeHistory>().ForAsync(entityType, id, ct)));
    }

    private static ExpenseDtos Dtos(HttpContext http) => http.RequestServices.GetRequiredService<ExpenseDtos>();
}

/// <summary>Claims and advances as the API returns them.</summary>
public sealed class ExpenseDtos(KehuDbContext db, ExpenseLookups names)
{
    public async Task<List<ExpenseClaimDto>> ClaimsAsync(IReadOnlyList<ExpenseClaim> claims, CancellationToken ct)
    {
        var steps = await StepsAsync(ExpenseClaim.DocumentType, claims.Select(c => c.Id).ToList(), ct);
        var advanceIds = claims.Where(c => c.AdvanceId is not null).Select(c => c.AdvanceId!.Value).Distinct().ToList();
        var advances = await db.Set<ExpenseAdvance>().AsNoTracking().Where(a => advanceIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Number, ct);
        var result = new List<ExpenseClaimDto>(claims.Count);
        foreach (var c in claims)
        {
            var lines = new List<ExpenseLineDto>();
            foreach (var x in c.Lines.OrderBy(x => x.LineNo))
                lines.Add(new ExpenseLineDto(x.LineNo, x.ExpenseTypeId, await names.ExpenseTypeAsync(x.ExpenseTypeId, ct), x.Amount, x.Description, x.Receipts));
            result.Add(new ExpenseClaimDto(c.Id, c.Number, c.DocumentDate, c.ApplicantId, await names.UserNameAsync(c.ApplicantId, ct), c.PersonId, await names.UserNameAsync(c.PersonId, ct),
                c.DepartmentId, await names.DepartmentNameAsync(c.DepartmentId, ct), c.CompanyId, await names.CompanyNameAsync(c.CompanyId, ct), c.Notes,
                ExpenseLabels.Api(c.State), steps.GetValueOrDefault(c.Id), c.Total, c.AdvanceId, c.AdvanceId is { } a ? advances.GetValueOrDefault(a) : null,
                c.OffsetAmount, c.Payable, c.PaymentDate, c.PaymentMethod is { } m ? PaymentMethods.Api(m) : null, c.PaymentAmount, c.PayerId, await names.UserNameAsync(c.PayerId, ct),
                lines, c.CreatedAt, c.UpdatedAt, c.Version));
        }
        return result;
    }

    public async Task<List<ExpenseAdvanceDto>> AdvancesAsync(IReadOnlyList<ExpenseAdvance> advances, CancellationToken ct)
    {
        var ids = advances.Select(a => a.Id).ToList();
        var steps = await StepsAsync(ExpenseAdvance.DocumentType, ids, ct);
        var settlements = (await db.Set<AdvanceSettlement>().AsNoTracking().Where(s => ids.Contains(s.AdvanceId)).OrderBy(s => s.Id).ToListAsync(ct)).ToLookup(s => s.AdvanceId);
        var result = new List<ExpenseAdvanceDto>(advances.Count);
        foreach (var a in advances)
        {
            var rows = new List<AdvanceSettlementDto>();
            foreach (var s in settlements[a.Id])
                rows.Add(new AdvanceSettlementDto(s.Id, s.Kind == AdvanceSettlementKind.Offset ? "offset" : "repayment", s.Amount, s.Date, s.ClaimId, s.Note,
                    s.RecordedById, await names.UserNameAsync(s.RecordedById, ct), s.RecordedAt));
            result.Add(new ExpenseAdvanceDto(a.Id, a.Number, a.DocumentDate, a.ApplicantId, await names.UserNameAsync(a.ApplicantId, ct), a.PersonId, await names.UserNameAsync(a.PersonId, ct),
                a.DepartmentId, await names.DepartmentNameAsync(a.DepartmentId, ct), a.Amount, a.Reason, a.ExpectedRepaymentDate, ExpenseLabels.Api(a.State), steps.GetValueOrDefault(a.Id),
                a.Offset, a.Repaid, a.Open, a.IsSettled, a.PaymentDate, a.PaymentMethod is { } m ? PaymentMethods.Api(m) : null, a.PaymentAmount, a.PayerId, await names.UserNameAsync(a.PayerId, ct),
                rows, a.CreatedAt, a.UpdatedAt, a.Version));
        }
        return result;
    }

    private Task<Dictionary<long, string?>> StepsAsync(string type, List<long> ids, CancellationToken ct) =>
        db.WorkflowInstances.AsNoTracking().Where(i => i.DocumentType == type && ids.Contains(i.DocumentId))
            .ToDictionaryAsync(i => i.DocumentId, i => i.State == WorkflowState.Active ? i.Step : null, ct);
}
