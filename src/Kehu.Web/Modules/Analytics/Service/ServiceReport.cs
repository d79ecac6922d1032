using System.Globalization;
using Kehu.Web.Modules.Analytics.Customers;
using Kehu.Web.Modules.Service;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Service;

/// <summary>服务分析 as the page shows it and the export writes it: the complaints received, how long
/// the closed ones took, and the service tickets per 服务人员. Counts link to the complaint list.</summary>
public sealed class ServiceReport(AnalyticsAccess access, ServiceAnalysis analysis, IStringLocalizer<SharedResource> l)
{
    public async Task<ComplaintFigures> ComplaintsAsync(long userId, ReportPeriod period, int top, CancellationToken ct) =>
        await analysis.ComplaintsAsync(await access.ComplaintsAsync(userId, ct), period, top,
            (l[ServiceAnalysis.NoProduct], l[CustomerAnalysis.Unfilled]), s => l[ComplaintLabels.State(s)], ct);

    public async Task<ComplaintResolution> ResolutionAsync(long userId, ReportPeriod period, CancellationToken ct) =>
        await analysis.ResolutionAsync(await access.ComplaintsAsync(userId, ct), period, ct);

    public async Task<ServiceCompletion> CompletionAsync(long userId, ReportPeriod period, CancellationToken ct) =>
        await analysis.CompletionAsync(await access.ServiceTicketsAsync(userId, ct), period, ct);

    public async Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct)
    {
        var complaints = await ComplaintsAsync(userId, period, rows, ct);
        var resolution = await ResolutionAsync(userId, period, ct);
        var completion = await CompletionAsync(userId, period, ct);

        string List(DateOnly from, DateOnly to, string filter = "") => $"/service/complaints?from={ReportPeriod.Iso(from)}&to={ReportPeriod.Iso(to)}{filter}";
        var all = List(period.From, period.To);
        string? Filtered(string filter, long? id) => id is { } v ? List(period.From, period.To, $"&{filter}={v}") : null;

        var figures = new List<ReportFigure>
        {
            new("complaints", l["投诉数"], complaints.Total.ToString("N0", CultureInfo.CurrentCulture),
                l["上期 {0}", complaints.Series.PreviousTotal.ToString("N0", CultureInfo.CurrentCulture)]),
            new("open", l["未结案"], complaints.Open.ToString("N0", CultureInfo.CurrentCulture),
                l["已结案 {0}", complaints.Closed.ToString("N0", CultureInfo.CurrentCulture)]),
            new("average-hours", l["平均处理时长（小时）"], Hours(resolution.AverageHours), l["本期结案 {0} 件", resolution.Closed]),
            new("p90-hours", l["90% 投诉的处理时长不超过（小时）"], Hours(resolution.Percentile90Hours)),
        };

        var series = complaints.Series;
        var labels = series.Buckets.Select(b => b.Label).ToList();
        var top = Math.Min(10, rows);
        var charts = new List<ReportChart>
        {
            Charts.Bars("complaints-trend", l["投诉数走势（与上期对比）"], labels,
            [
                (l["本期"], "bar", series.Buckets.Select(b => new Charts.Item(b.Label, b.Count, List(b.Start, b.End))).ToList()),
                (l["上期"], "line", series.Buckets.Select(b => new Charts.Item(b.Label, b.Previous ?? 0)).ToList()),
            ]),
            Charts.Pie("complaints-by-type", l["按投诉类型"], complaints.ByType.Select(t => new Charts.Item(t.Name, t.Count, Filtered("typeId", t.Id)))),
            Charts.Bars("complaints-by-product", l["按相关商品"], complaints.ByProduct.Take(top).Select(p => p.Name).ToList(),
                [(l["投诉数"], "bar", complaints.ByProduct.Take(top).Select(p => new Charts.Item(p.Name, p.Count, Filtered("productId", p.Id))).ToList())], horizontal: true),
            Charts.Bars("completion-by-staff", l["服务人员完成情况"], completion.ByStaff.Take(top).Select(s => s.Name).ToList(),
            [
                (l["服务单数"], "bar", completion.ByStaff.Take(top).Select(s => new Charts.Item(s.Name, s.Tickets)).ToList()),
                (l["已完成"], "bar", completion.ByStaff.Take(top).Select(s => new Charts.Item(s.Name, s.Done)).ToList()),
            ], horizontal: true),
        };

        ReportTable Counts(string id, string title, string what, IReadOnlyList<GroupCount> counts, string filter, int shown) =>
            new(id, title, [new(what), new(l["投诉数"], CellFormat.Integer), new(l["占比"], CellFormat.Percent)],
                counts.Take(rows).Select(c => new ReportRow([c.Name, new ReportCell(c.Count, Filtered(filter, c.Id)), c.Share])).ToList())
            {
                Total = new ReportRow(["", new ReportCell(complaints.Total, all), complaints.Total == 0 ? 0m : 1m]),
                Note = shown > rows ? l["共 {0} 名，这里显示前 {1} 名；导出的 Excel 包含全部。", shown, rows].Value : null,
            };
        var tables = new List<ReportTable>
        {
            new("complaints-by-period", l["按期间汇总"], [new(l["期间"]), new(l["投诉数"], CellFormat.Integer), new(l["上期投诉数"], CellFormat.Integer)],
                series.Buckets.Select(b => new ReportRow([b.Label, new ReportCell(b.Count, List(b.Start, b.End)), new ReportCell(b.Previous)])).ToList())
            {
                Total = new ReportRow(["", new ReportCell(series.Total, all), series.PreviousTotal]),
            },
            new("complaints-by-state", l["按投诉状态"], [new(l["状态"]), new(l["投诉数"], CellFormat.Integer)],
                complaints.ByState.Select(s => new ReportRow([s.Name, new ReportCell(s.Count, List(period.From, period.To, "&state=" + s.State))])).ToList())
            {
                Total = new ReportRow(["", new ReportCell(complaints.Total, all)]),
            },
            Counts("complaints-by-customer", l["客户投诉排名"], l["客户"], complaints.ByCustomer, "companyId", complaints.Customers),
            Counts("complaints-by-product", l["按相关商品"], l["商品"], complaints.ByProduct, "productId", complaints.ByProduct.Count),
            Counts("complaints-by-type", l["按投诉类型"], l["投诉类型"], complaints.ByType, "typeId", complaints.ByType.Count),
            new("complaints-resolution", l["投诉处理时长"],
                [new(l["结案数"], CellFormat.Integer), new(l["平均处理时长（小时）"], CellFormat.Hours), new(l["90 百分位处理时长（小时）"], CellFormat.Hours)],
                [new ReportRow([resolution.Closed, new ReportCell(resolution.AverageHours), new ReportCell(resolution.Percentile90Hours)])])
            {
                Note = l["本期结案的投诉，从受理时间到结案时间；90 百分位按最近秩法计算。"].Value,
            },
            new("completion-by-staff", l["服务人员完成情况"],
                [new(l["服务人员"]), new(l["服务单数"], CellFormat.Integer), new(l["已完成"], CellFormat.Integer), new(l["平均完成度（%）"], CellFormat.Quantity)],
                completion.ByStaff.Select(s => new ReportRow([s.Name, s.Tickets, s.Done, new ReportCell(s.AverageCompletion)])).ToList())
            {
                Total = new ReportRow(["", completion.Tickets, completion.Done, new ReportCell(completion.AverageCompletion)]),
                Note = l["本期指派的服务单；服务人员未填写时按被指派人统计，平均完成度只计已完成的服务单。"].Value,
            },
        };

        return new ReportView(l["服务分析"], period) { Figures = figures, Charts = charts, Tables = tables };
    }

    private static string Hours(decimal? hours) => hours is { } h ? h.ToString("N1", CultureInfo.CurrentCulture) : "—";

}
