using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Results;

namespace Kehu.Web.Modules.Trade;

/// <summary>应收应付 as a file: the rows the list shows with its filters and sort, and only the amounts
/// the user may see (a sales manager the receivables, a purchase manager the payables).</summary>
public sealed class ExportBalances(TradeBalances balances, Exporter exporter)
{
    public async Task<ExportResponse> HandleAsync(long userId, string? format, BalanceQuery query, CancellationToken ct)
    {
        var rights = await balances.RightsAsync(userId, ct);
        var kind = rights.Narrow(TradeBalances.ParseKind(query.Kind));
        var columns = new List<ExportColumn<BalanceRow>>
        {
            new("客户编号", ExportKind.Code, r => r.Code),
            new("单位名称", ExportKind.Text, r => r.Name),
        };
        if (rights.Receivables && kind != BalanceKind.Payable) columns.Add(new("应收金额", ExportKind.Money, r => r.Receivable));
        if (rights.Payables && kind != BalanceKind.Receivable) columns.Add(new("应付金额", ExportKind.Money, r => r.Payable));
        return await exporter.ListAsync(format, "应收应付", columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            var list = await balances.ListAsync(userId, query, token);
            return list.IsSuccess ? list.Value.Page : (Result<Kehu.Web.Platform.Paging.Page<BalanceRow>>)list.Error!;
        }, ct);
    }
}
