using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;

namespace Kehu.Web.Modules.Customers.Pages.ContactRecords;

/// <summary>The contact record list as a file: the records the list shows with the same filters and
/// order, with all of a record's fields (SPEC §3). Company names are read once per page.</summary>
public sealed class ExportContactRecords(ListContactRecords list, CustomerLookups lookups, Exporter exporter)
{
    public const string Title = "联系记录";

    public async Task<ExportResponse> HandleAsync(long userId, string? format, ContactRecordQuery query, CancellationToken ct)
    {
        var methods = await lookups.OptionNamesAsync(OptionLists.ContactMethod, ct);
        var users = await lookups.AllUserNamesAsync(ct);
        ExportColumn<(ContactRecord Record, string? Company)>[] columns =
        [
            new("联系时间", ExportKind.DateTime, r => r.Record.ContactedAt),
            new("单位名称", ExportKind.Text, r => r.Company),
            new("联系人", ExportKind.Text, r => r.Record.ContactName),
            new("联系方式", ExportKind.Text, r => methods.NameOf(r.Record.MethodId)),
            new("联系内容", ExportKind.Text, r => r.Record.Content),
            new("联系结果", ExportKind.Text, r => r.Record.Result),
            new("下次联系时间", ExportKind.DateTime, r => r.Record.NextContactAt),
            new("记录人", ExportKind.Text, r => users.NameOf(r.Record.RecorderId)),
            new("创建时间", ExportKind.DateTime, r => r.Record.CreatedAt),
            new("更新时间", ExportKind.DateTime, r => r.Record.UpdatedAt),
        ];
        return await exporter.ListAsync(format, Title, columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            return await lookups.WithCompanyNamesAsync(await list.HandleAsync(userId, query, token), r => r.CompanyId, token);
        }, ct);
    }
}
