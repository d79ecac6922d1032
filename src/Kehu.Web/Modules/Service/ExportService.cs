using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Service;

/// <summary>The complaint (客户投诉单) and service ticket (客户服务单) lists as files, with the lists'
/// filters and the user's scope.</summary>
public sealed class ExportService(ListComplaints complaints, ListServiceTickets tickets, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> ComplaintsAsync(long userId, string? format, ComplaintQuery query, CancellationToken ct)
    {
        var types = await lookups.OptionNamesAsync(OptionLists.ComplaintType, ct);
        var channels = await lookups.OptionNamesAsync(OptionLists.ComplaintChannel, ct);
        var urgencies = await lookups.OptionNamesAsync(OptionLists.ComplaintUrgency, ct);
        var users = await lookups.AllUserNamesAsync(ct);
        var states = Enum.GetValues<ComplaintState>().ToDictionary(s => s, s => l[ComplaintLabels.State(s)].Value);
        ExportColumn<(Complaint Item, string? Company)>[] columns =
        [
            new("单号", ExportKind.Code, r => r.Item.Number),
            new("接收时间", ExportKind.DateTime, r => r.Item.ReceivedAt),
            new("客户名称", ExportKind.Text, r => r.Company),
            new("投诉主题", ExportKind.Text, r => r.Item.Subject),
            new("投诉类型", ExportKind.Text, r => types.NameOf(r.Item.TypeId)),
            new("投诉方式", ExportKind.Text, r => channels.NameOf(r.Item.ChannelId)),
            new("紧急程度", ExportKind.Text, r => urgencies.NameOf(r.Item.UrgencyId)),
            new("联系人", ExportKind.Text, r => r.Item.ContactName),
            new("投诉内容", ExportKind.Text, r => r.Item.Details),
            new("接待人", ExportKind.Text, r => users.NameOf(r.Item.ReceivedById)),
            new("状态", ExportKind.Text, r => states[r.Item.State]),
            new("结案说明", ExportKind.Text, r => r.Item.Resolution),
            new("关闭时间", ExportKind.DateTime, r => r.Item.ClosedAt),
        ];
        return await exporter.ListAsync(format, "客户投诉单", columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            return await lookups.WithCompanyNamesAsync(await complaints.HandleAsync(userId, query, token), c => c.CompanyId, token);
        }, ct);
    }

    public async Task<ExportResponse> TicketsAsync(long userId, string? format, ServiceTicketQuery query, CancellationToken ct)
    {
        var users = await lookups.AllUserNamesAsync(ct);
        var states = Enum.GetValues<ServiceTicketState>().ToDictionary(s => s, s => l[ComplaintLabels.TicketState(s)].Value);
        ExportColumn<(ServiceTicket Item, string? Company)>[] columns =
        [
            new("服务单号", ExportKind.Code, r => r.Item.Number),
            new("指派时间", ExportKind.DateTime, r => r.Item.AssignedAt),
            new("客户名称", ExportKind.Text, r => r.Company),
            new("指派给", ExportKind.Text, r => users.NameOf(r.Item.AssignedToId)),
            new("服务人员", ExportKind.Text, r => users.NameOf(r.Item.ServiceStaffId)),
            new("完成度", ExportKind.Number, r => r.Item.Completion),
            new("处理过程", ExportKind.Text, r => r.Item.WorkDone),
            new("服务时间", ExportKind.Number, r => r.Item.ServiceHours),
            new("客户反馈", ExportKind.Text, r => r.Item.Feedback),
            new("状态", ExportKind.Text, r => states[r.Item.Status]),
            new("完成时间", ExportKind.DateTime, r => r.Item.CompletedAt),
        ];
        return await exporter.ListAsync(format, "客户服务单", columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            return await lookups.WithCompanyNamesAsync(await tickets.HandleAsync(userId, query, token), t => t.CompanyId, token);
        }, ct);
    }
}
