using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Trade.Api;

/// <summary>One company's balances; the figures of a side the caller may not see are null.</summary>
public sealed record BalanceDto(long CompanyId, string Code, string Name,
    decimal? SalesTotal, decimal? Received, decimal? Receivable, decimal? PurchaseTotal, decimal? Paid, decimal? Payable);

public sealed record BalanceTotalsDto(decimal? SalesTotal, decimal? Received, decimal? Receivable, decimal? PurchaseTotal, decimal? Paid, decimal? Payable);

public sealed record BalanceListResponse(IReadOnlyList<BalanceDto> Items, string? NextCursor, string? PreviousCursor, int? Total, bool TotalIsCapped,
    string Kind, BalanceTotalsDto Totals);

public static class BalancesApi
{
    public static void MapBalancesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/balances/export", async ([AsParameters] BalanceQuery query, [Microsoft.AspNetCore.Mvc.FromQuery] string? format, HttpContext http, ExportBalances export, CancellationToken ct) =>
            await export.HandleAsync(http.User.RequiredUserId(), format, query, ct))
            .WithSummary("应收应付 as the list shows it with the same filters and sort (format: xlsx|csv), all rows, as a file; only the amounts the caller may see");
        api.MapGet("/balances", async ([AsParameters] BalanceQuery query, HttpContext http, TradeBalances balances, CancellationToken ct) =>
        {
            var result = await balances.ListAsync(http.User.RequiredUserId(), query, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            var (page, totals, rights, kind, _, _) = result.Value;
            var r = rights.Receivables;
            var p = rights.Payables;
            var items = page.Items.Select(x => new BalanceDto(x.CompanyId, x.Code, x.Name,
                r ? x.SalesTotal : null, r ? x.Received : null, r ? x.Receivable : null,
                p ? x.PurchaseTotal : null, p ? x.Paid : null, p ? x.Payable : null)).ToList();
            return Results.Ok(new BalanceListResponse(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped,
                kind.ToString().ToLowerInvariant(),
                new BalanceTotalsDto(r ? totals.SalesTotal : null, r ? totals.Received : null, r ? totals.Receivable : null,
                    p ? totals.PurchaseTotal : null, p ? totals.Paid : null, p ? totals.Payable : null)));
        })
        .WithTags("balances")
        .WithSummary("应收应付: companies with an open receivable (what a customer still owes on approved, not fully collected 销售单) or payable (what is still owed on approved, not fully paid 采购单), with the grand totals over the filter (q: name or code, kind=all|receivable|payable, sort=receivable|payable|code, dir=desc|asc, limit, cursor). Finance manager and administrator see both; the sales manager receivables only, the purchase manager payables only (the other side is null); anyone else 403.")
        .Produces<BalanceListResponse>()
        .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
