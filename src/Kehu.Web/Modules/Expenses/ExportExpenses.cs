using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Export;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses;

/// <summary>The 费用报销单 and 费用借支单 lists as files, with the lists' filters and the user's
/// access. Names come from lookups read once per export.</summary>
public sealed class ExportExpenses(ListExpenses list, ExpenseLookups expenseLookups, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> ClaimsAsync(long userId, string? format, ExpenseQuery query, CancellationToken ct)
    {
        var (users, departments, states, methods) = await NamesAsync(ct);
        ExportColumn<ExpenseClaim>[] columns =
        [
            new("单据编号", ExportKind.Code, c => c.Number),
            new("开单日期", ExportKind.Date, c => c.DocumentDate),
            new("报销人", ExportKind.Text, c => users.NameOf(c.PersonId)),
            new("部门", ExportKind.Text, c => departments.NameOf(c.DepartmentId)),
            new("合计", ExportKind.Money, c => c.Total),
            new("冲抵金额", ExportKind.Money, c => c.OffsetAmount),
            new("实付金额", ExportKind.Money, c => c.Payable),
            new("状态", ExportKind.Text, c => states[c.State]),
            new("付款日期", ExportKind.Date, c => c.PaymentDate),
            new("付款方式", ExportKind.Text, c => c.PaymentMethod is { } m ? methods[m] : null),
            new("备注", ExportKind.Text, c => c.Notes),
        ];
        return await exporter.ListAsync(format, "费用报销单", columns, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.ClaimsAsync(userId, query, token);
        }, ct);
    }

    public async Task<ExportResponse> AdvancesAsync(long userId, string? format, ExpenseQuery query, CancellationToken ct)
    {
        var (users, departments, states, methods) = await NamesAsync(ct);
        ExportColumn<ExpenseAdvance>[] columns =
        [
            new("单据编号", ExportKind.Code, a => a.Number),
            new("开单日期", ExportKind.Date, a => a.DocumentDate),
            new("借款人", ExportKind.Text, a => users.NameOf(a.PersonId)),
            new("部门", ExportKind.Text, a => departments.NameOf(a.DepartmentId)),
            new("借款事由", ExportKind.Text, a => a.Reason),
            new("借款金额", ExportKind.Money, a => a.Amount),
            new("未结金额", ExportKind.Money, a => a.Open),
            new("预计还款日期", ExportKind.Date, a => a.ExpectedRepaymentDate),
            new("状态", ExportKind.Text, a => states[a.State]),
            new("付款日期", ExportKind.Date, a => a.PaymentDate),
            new("付款方式", ExportKind.Text, a => a.PaymentMethod is { } m ? methods[m] : null),
        ];
        return await exporter.ListAsync(format, "费用借支单", columns, (cursor, token) =>
        {
            query.Cursor = cursor;
            return list.AdvancesAsync(userId, query, token);
        }, ct);
    }

    private async Task<(IReadOnlyDictionary<long, string> Users, IReadOnlyDictionary<long, string> Departments,
        Dictionary<ExpenseState, string> States, Dictionary<PaymentMethod, string> Methods)> NamesAsync(CancellationToken ct) =>
        (await lookups.AllUserNamesAsync(ct),
         await expenseLookups.DepartmentNamesAsync(ct),
         Enum.GetValues<ExpenseState>().ToDictionary(s => s, s => l[ExpenseLabels.State(s)].Value),
         Enum.GetValues<PaymentMethod>().ToDictionary(m => m, m => l[PaymentMethods.Label(m)].Value));
}
