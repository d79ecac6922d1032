using System.Globalization;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Customers;

/// <summary>客户分析 as the page shows it and the export writes it: 客户构成, 客户发展, 客户活跃度 and
/// 客户贡献 (the last only for those who may see sales). Counts link to the companies behind them.</summary>
public sealed class CustomerReport(AnalyticsAccess access, CustomerAnalysis analysis, IStringLocalizer<SharedResource> l)
{
    public async Task<CustomerComposition> CompositionAsync(long userId, ReportPeriod period, CancellationToken ct) =>
        await analysis.CompositionAsync(await access.CompaniesAsync(userId, ct), period, l[CustomerAnalysis.Unfilled], ct);

    public async Task<CountByPeriod> DevelopmentAsync(long userId, ReportPeriod period, CancellationToken ct) =>
        await analysis.DevelopmentAsync(await access.CompaniesAsync(userId, ct), period, ct);

    public async Task<CustomerActivity> ActivityAsync(long userId, ReportPeriod period, int top, CancellationToken ct) =>
        await analysis.ActivityAsync(await access.CompaniesAsync(userId, ct), period, top, ct);

    /// <summary>Refused (403) to a user who may not see sales orders.</summary>
    public async Task<Result<CustomerContribution>> ContributionAsync(long userId, ReportPeriod period, CancellationToken ct)
    {
        var orders = await access.SalesOrdersAsync(userId, ct);
        if (!orders.IsSuccess) return orders.Error!;
        return await analysis.ContributionAsync(orders.Value, period, ct);
    }

    public async Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct)
    {
        var composition = await CompositionAsync(userId, period, ct);
        var development = await DevelopmentAsync(userId, period, ct);
        var activity = await ActivityAsync(userId, period, rows, ct);
        var contribution = await ContributionAsync(userId, period, ct);
        if (!contribution.IsSuccess && contribution.Error!.Kind != ErrorKind.Forbidden) return contribution.Error;

        const string companies = "/customers/companies?role=customer";
        string? Filtered(string filter, long? id) => id is { } v ? $"{companies}&{filter}={v}" : null;
        var charts = new List<ReportChart>();
        var tables = new List<ReportTable>();

        ReportTable Counts(string id, string title, string what, IReadOnlyList<GroupCount> counts, string filter) =>
            new(id, title, [new(what), new(l["客户数"], CellFormat.Integer), new(l["占比"], CellFormat.Percent)],
                counts.Select(c => new ReportRow([c.Name, new ReportCell(c.Count, Filtered(filter, c.Id)), c.Share])).ToList())
            {
                Total = new ReportRow(["", new ReportCell(composition.Total, companies), composition.Total == 0 ? 0m : 1m]),
            };
        (string Id, string Title, string What, IReadOnlyList<GroupCount> Counts, string Filter)[] groups =
        [
            ("customers-by-level", l["按客户等级"], l["客户等级"], composition.Levels, "levelId"),
            ("customers-by-source", l["按客户来源"], l["客户来源"], composition.Sources, "sourceId"),
            ("customers-by-industry", l["按所属行业"], l["所属行业"], composition.Industries, "industryId"),
            ("customers-by-region", l["按所在地区"], l["所在地区"], composition.Regions, "regionId"),
            ("customers-by-status", l["按客户状态"], l["客户状态"], composition.Statuses, "statusId"),
            ("customers-by-owner", l["按负责人"], l["负责人"], composition.Owners, "ownerId"),
        ];
        foreach (var g in groups)
        {
            var items = g.Counts.Select(c => new Charts.Item(c.Name, c.Count, Filtered(g.Filter, c.Id))).ToList();
            charts.Add(g.Filter is "ownerId" or "regionId" or "industryId"
                ? Charts.Bars(g.Id, l["客户构成"] + " · " + g.Title, items.Select(i => i.Name).ToList(), [(l["客户数"], "bar", items)], horizontal: true)
                : Charts.Pie(g.Id, l["客户构成"] + " · " + g.Title, items));
            tables.Add(Counts(g.Id, l["客户构成"] + " · " + g.Title, g.What, g.Counts, g.Filter));
        }

        var labels = development.Buckets.Select(b => b.Label).ToList();
        charts.Add(Charts.Bars("customers-development", l["新增客户（与上期对比）"], labels,
        [
            (l["本期"], "bar", development.Buckets.Select(b => new Charts.Item(b.Label, b.Count)).ToList()),
            (l["上期"], "line", development.Buckets.Select(b => new Charts.Item(b.Label, b.Previous ?? 0)).ToList()),
        ]));
        tables.Add(new ReportTable("customers-development", l["新增客户"],
            [new(l["期间"]), new(l["新增客户数"], CellFormat.Integer), new(l["上期新增客户数"], CellFormat.Integer)],
            development.Buckets.Select(b => new ReportRow([b.Label, b.Count, new ReportCell(b.Previous)])).ToList())
        {
            Total = new ReportRow(["", development.Total, development.PreviousTotal]),
        });

        var records = $"/customers/contact-records?from={ReportPeriod.Iso(period.From)}&to={ReportPeriod.Iso(period.To)}";
        var top = Math.Min(10, rows);
        charts.Add(Charts.Bars("activity-by-salesperson", l["销售员联系记录"], activity.BySalesperson.Take(top).Select(r => r.Name).ToList(),
        [
            (l["联系记录数"], "bar", activity.BySalesperson.Take(top).Select(r => new Charts.Item(r.Name, r.Records, $"{records}&recorderId={r.Id}")).ToList()),
            (l["联系客户数"], "bar", activity.BySalesperson.Take(top).Select(r => new Charts.Item(r.Name, r.Companies)).ToList()),
        ], horizontal: true));
        tables.Add(new ReportTable("activity-by-salesperson", l["销售员联系记录"],
            [new(l["销售员"]), new(l["联系记录数"], CellFormat.Integer), new(l["联系客户数"], CellFormat.Integer)],
            activity.BySalesperson.Select(r => new ReportRow([r.Name, new ReportCell(r.Records, $"{records}&recorderId={r.Id}"), r.Companies])).ToList())
        {
            Total = new ReportRow(["", new ReportCell(activity.Records, records), activity.Companies]),
        });
        tables.Add(new ReportTable("activity-by-customer", l["客户联系次数排名"],
            [new(l["名次"], CellFormat.Integer), new(l["客户"]), new(l["联系记录数"], CellFormat.Integer)],
            activity.ByCustomer.Select(r => new ReportRow([r.Rank, r.Name, new ReportCell(r.Records, $"{records}&companyId={r.Id}")])).ToList())
        {
            Note = activity.Companies > activity.ByCustomer.Count
                ? l["共 {0} 名，这里显示前 {1} 名；导出的 Excel 包含全部。", activity.Companies, activity.ByCustomer.Count].Value : null,
        });
        tables.Add(new ReportTable("activity-overdue", l["逾期未跟进客户"],
            [new(l["负责人"]), new(l["客户数"], CellFormat.Integer)],
            activity.OverdueByOwner.Select(o => new ReportRow([o.Name, o.Companies])).ToList())
        {
            Total = new ReportRow(["", activity.Overdue]),
            Note = l["最近一次联系记录的下次联系时间早于今天（{0}）的客户。", ReportPeriod.Iso(activity.Today)].Value,
        });

        var figures = new List<ReportFigure>
        {
            new("customers", l["客户总数"], composition.Total.ToString("N0", CultureInfo.CurrentCulture), l["截至 {0}", ReportPeriod.Iso(composition.AsOf)]),
            new("new", l["新增客户数"], development.Total.ToString("N0", CultureInfo.CurrentCulture),
                l["上期 {0}", development.PreviousTotal.ToString("N0", CultureInfo.CurrentCulture)]),
            new("records", l["联系记录数"], activity.Records.ToString("N0", CultureInfo.CurrentCulture)),
            new("overdue", l["逾期未跟进客户"], activity.Overdue.ToString("N0", CultureInfo.CurrentCulture)),
        };

        if (contribution.IsSuccess)
        {
            var c = contribution.Value;
            string Orders(long customerId) => $"/sales/orders?state=sold&from={ReportPeriod.Iso(period.From)}&to={ReportPeriod.Iso(period.To)}&customerId={customerId}";
            figures.Add(new("repurchase", l["复购率"], (c.RepurchaseRate * 100).ToString("0.00", CultureInfo.CurrentCulture) + "%",
                l["{0} / {1} 个客户下单两次及以上", c.RepeatBuyers, c.Buyers]));
            charts.Add(Charts.Pie("contribution-classes", l["ABC 分类销售额"], c.Classes.Select(k => new Charts.Item(k.Class, k.Amount)).Where(i => i.Value != 0)));
            tables.Add(new ReportTable("contribution-classes", l["ABC 分类"],
                [new(l["分类"]), new(l["客户数"], CellFormat.Integer), new(l["销售额"], CellFormat.Money), new(l["占比"], CellFormat.Percent)],
                c.Classes.Select(k => new ReportRow([k.Class, k.Customers, k.Amount, k.Share])).ToList())
            {
                Total = new ReportRow(["", c.Count, c.Total.Amount, c.Total.Amount == 0 ? 0m : 1m]),
                Note = l["按销售额从高到低累计：累计占比达到 80% 的客户（含跨过 80% 的那一名）为 A 类，其后到 95% 为 B 类，其余为 C 类。"].Value,
            });
            tables.Add(new ReportTable("contribution", l["客户贡献"],
                [new(l["名次"], CellFormat.Integer), new(l["客户"]), new(l["销售单数"], CellFormat.Integer), new(l["销售额"], CellFormat.Money),
                 new(l["占比"], CellFormat.Percent), new(l["累计占比"], CellFormat.Percent), new(l["分类"])],
                c.Rows.Take(rows).Select(r => new ReportRow([r.Rank, r.Name, new ReportCell(r.Orders, Orders(r.Id)), new ReportCell(r.Amount, Orders(r.Id)),
                    r.Share, r.CumulativeShare, r.Class])).ToList())
            {
                Total = new ReportRow(["", "", c.Total.Orders, c.Total.Amount, c.Total.Amount == 0 ? 0m : 1m, new ReportCell(null), ""]),
                Note = c.Count > rows ? l["共 {0} 名，这里显示前 {1} 名；导出的 Excel 包含全部。", c.Count, rows].Value : null,
            });
        }

        return new ReportView(l["客户分析"], period) { Figures = figures, Charts = charts, Tables = tables };
    }

}
