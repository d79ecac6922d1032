using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>The company list as a file: every company the list shows with the same filters and
/// order, with all of a company's fields (SPEC §3).</summary>
public sealed class ExportCompanies(ListCompanies list, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "客户信息";

    public async Task<ExportResponse> HandleAsync(long userId, string? format, CompanyFilter filter, CancellationToken ct)
    {
        var level = await lookups.OptionNamesAsync(OptionLists.CustomerLevel, ct);
        var source = await lookups.OptionNamesAsync(OptionLists.CustomerSource, ct);
        var industry = await lookups.OptionNamesAsync(OptionLists.Industry, ct);
        var region = await lookups.OptionNamesAsync(OptionLists.Region, ct);
        var status = await lookups.OptionNamesAsync(OptionLists.CustomerStatus, ct);
        var users = await lookups.AllUserNamesAsync(ct);
        string customer = l["客户"], supplier = l["供应商"];
        ExportColumn<Company>[] columns =
        [
            new("客户编号", ExportKind.Code, c => c.Code),
            new("单位名称", ExportKind.Text, c => c.Name),
            new("类型", ExportKind.Text, c => c.IsCustomer && c.IsSupplier ? $"{customer} / {supplier}" : c.IsCustomer ? customer : c.IsSupplier ? supplier : null),
            new("客户等级", ExportKind.Text, c => level.NameOf(c.LevelId)),
            new("客户来源", ExportKind.Text, c => source.NameOf(c.SourceId)),
            new("所属行业", ExportKind.Text, c => industry.NameOf(c.IndustryId)),
            new("所在地区", ExportKind.Text, c => region.NameOf(c.RegionId)),
            new("客户状态", ExportKind.Text, c => status.NameOf(c.StatusId)),
            new("地址", ExportKind.Text, c => c.Address),
            new("电话", ExportKind.Code, c => c.Phone),
            new("传真", ExportKind.Code, c => c.Fax),
            new("网址", ExportKind.Text, c => c.Website),
            new("邮箱", ExportKind.Text, c => c.Email),
            new("负责人", ExportKind.Text, c => users.NameOf(c.OwnerId)),
            new("首次联系时间", ExportKind.DateTime, c => c.FirstContactAt),
            new("最后联系时间", ExportKind.DateTime, c => c.LastContactAt),
            new("备注", ExportKind.Text, c => c.Notes),
            new("创建时间", ExportKind.DateTime, c => c.CreatedAt),
            new("更新时间", ExportKind.DateTime, c => c.UpdatedAt),
        ];
        return await exporter.ListAsync(format, Title, columns, (cursor, token) => list.HandleAsync(userId, filter with { Cursor = cursor }, token), ct);
    }
}
