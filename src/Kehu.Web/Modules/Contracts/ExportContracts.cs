using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Export;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Contracts;

/// <summary>The 合同 list as a file, with the list's filters and the user's access. Company names
/// are read once per page.</summary>
public sealed class ExportContracts(ListContracts list, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> HandleAsync(long userId, string? format, ContractQuery query, CancellationToken ct)
    {
        var users = await lookups.AllUserNamesAsync(ct);
        var states = Enum.GetValues<ContractState>().ToDictionary(s => s, s => l[ContractLabels.State(s)].Value);
        var kinds = Enum.GetValues<ContractKind>().ToDictionary(k => k, k => l[ContractLabels.Kind(k)].Value);
        ExportColumn<(Contract Contract, string? Company)>[] columns =
        [
            new("合同编号", ExportKind.Code, r => r.Contract.Number),
            new("合同名称", ExportKind.Text, r => r.Contract.Title),
            new("合同类型", ExportKind.Text, r => kinds[r.Contract.Kind]),
            new("客户", ExportKind.Text, r => r.Company),
            new("签订日期", ExportKind.Date, r => r.Contract.SignedOn),
            new("开始日期", ExportKind.Date, r => r.Contract.StartsOn),
            new("结束日期", ExportKind.Date, r => r.Contract.EndsOn),
            new("合同金额", ExportKind.Money, r => r.Contract.Amount),
            new("我方签约人", ExportKind.Text, r => r.Contract.OurSignatory),
            new("对方签约人", ExportKind.Text, r => r.Contract.TheirSignatory),
            new("业务员", ExportKind.Text, r => users.NameOf(r.Contract.OwnerId)),
            new("状态", ExportKind.Text, r => states[r.Contract.State]),
            new("审批人", ExportKind.Text, r => users.NameOf(r.Contract.ApproverId)),
            new("审批意见", ExportKind.Text, r => r.Contract.ApprovalOpinion),
            new("审批日期", ExportKind.Date, r => r.Contract.ApprovedOn),
        ];
        return await exporter.ListAsync(format, "合同", columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            return await lookups.WithCompanyNamesAsync(await list.HandleAsync(userId, query, token), c => c.CompanyId, token);
        }, ct);
    }
}
