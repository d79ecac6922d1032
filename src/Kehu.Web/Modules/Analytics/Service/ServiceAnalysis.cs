using Kehu.Web.Modules.Analytics.Customers;
using Kehu.Web.Modules.Analytics.Sales;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Service;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Analytics.Service;

/// <summary>Complaints in one state: <see cref="State"/> as the API spells it (<c>closed</c>…).</summary>
public sealed record StateCount(string State, string Name, int Count);

/// <summary>The complaints received in the period: per bucket, by customer, product, type and state.</summary>
public sealed record ComplaintFigures(DateOnly From, DateOnly To, int Total, int Open, int Closed, CountByPeriod Series,
    int Customers, IReadOnlyList<GroupCount> ByCustomer, IReadOnlyList<GroupCount> ByProduct, IReadOnlyList<GroupCount> ByType, IReadOnlyList<StateCount> ByState);

/// <summary>The complaints closed in the period and the hours from 受理 to 结案: the average and the
/// 90th percentile (nearest rank); null when none closed.</summary>
public sealed record ComplaintResolution(DateOnly From, DateOnly To, int Closed, decimal? AverageHours, decimal? Percentile90Hours);

/// <summary>A 服务人员's tickets assigned in the period, how many are done, and the average 完成度 of those.</summary>
public sealed record StaffCompletion(long Id, string Name, int Tickets, int Done, decimal? AverageCompletion);

public sealed record ServiceCompletion(DateOnly From, DateOnly To, int Tickets, int Done, decimal? AverageCompletion, IReadOnlyList<StaffCompletion> ByStaff);

/// <summary>
/// 服务分析 (README: What counts) over the complaints and service tickets the user may see. Every
/// figure, the average and percentile hours included, is computed by the database.
/// </summary>
public sealed class ServiceAnalysis(KehuDbContext db, CountSeries series, ReportPeriods periods, CustomerLookups lookups)
{
    public const string NoProduct = "未指定商品";

    private const int ByDay = 0, ByState = 1, ByCustomer = 2, ByProduct = 3, ByType = 4, Customers = 5;

    /// <summary><paramref name="unnamed"/> gives the names for no product and no type, in the user's language.
    /// Every grouping (per day of both periods, state, the top customers with their names, the number of
    /// customers, product, type) is one <c>UNION ALL</c>, a single statement as the hand-written SQL is.
    /// The customers' ranking is cut to <paramref name="top"/> by the database, so a year's thousands of
    /// customer groups are not sent here to be ranked.</summary>
    public async Task<ComplaintFigures> ComplaintsAsync(IQueryable<Complaint> visible, ReportPeriod period, int top,
        (string NoProduct, string NoType) unnamed, Func<ComplaintState, string> stateName, CancellationToken ct)
    {
        var (from, to) = periods.UtcBounds(period);
        var received = visible.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
        var products = from g in received.GroupBy(c => c.ProductId).Select(g => new { Id = g.Key, Count = g.Count() })
                       join p in db.Products on g.Id equals p.Id into named
                       from p in named.DefaultIfEmpty()
                       select new GroupTally { Dimension = ByProduct, Id = g.Id, Day = null, Name = p == null ? null : p.Name, Count = g.Count };
        var topCustomers = from g in received.GroupBy(c => c.CompanyId).Select(g => new { Id = g.Key, Count = g.Count() })
                               .OrderByDescending(g => g.Count).ThenBy(g => g.Id).Take(top)
                           join c in db.Companies on g.Id equals c.Id
                           select new GroupTally { Dimension = ByCustomer, Id = g.Id, Day = null, Name = c.Name, Count = g.Count };
        var customerCount = received.GroupBy(_ => 1)
            .Select(g => new GroupTally { Dimension = Customers, Id = null, Day = null, Name = null, Count = g.Select(c => c.CompanyId).Distinct().Count() });
        var tallies = await series.Query(visible, c => c.ReceivedAt, period, ByDay)
            .Concat(received.GroupBy(c => c.State).Select(g => new GroupTally { Dimension = ByState, Id = (long)g.Key, Day = null, Name = null, Count = g.Count() }))
            .Concat(topCustomers)
            .Concat(customerCount)
            .Concat(products)
            .Concat(received.GroupBy(c => c.TypeId).Select(g => new GroupTally { Dimension = ByType, Id = g.Key, Day = null, Name = null, Count = g.Count() }))
            .ToListAsync(ct);
        List<GroupTally> Of(int dimension) => tallies.Where(t => t.Dimension == dimension).ToList();

        var byState = Of(ByState);
        var total = byState.Sum(s => s.Count);
        var closed = byState.Where(s => s.Id == (long)ComplaintState.Closed).Sum(s => s.Count);
        var types = await lookups.OptionsAsync(OptionLists.ComplaintType, ct);

        return new ComplaintFigures(period.From, period.To, total, total - closed, closed,
            CountSeries.Fold(Of(ByDay), period),
            Of(Customers).Sum(c => c.Count),
            Of(ByCustomer).OrderByDescending(c => c.Count).ThenBy(c => c.Id)
                .Select(c => new GroupCount(c.Id, c.Name ?? "", c.Count, SalesAnalysis.Share(c.Count, total))).ToList(),
            CustomerAnalysis.Ranked(Of(ByProduct).Select(p => (p.Id, p.Name ?? unnamed.NoProduct, p.Count)), total),
            CustomerAnalysis.Ranked(Of(ByType).Select(t => (t.Id, t.Id is { } id ? types.FirstOrDefault(o => o.Id == id)?.Name ?? $"#{id}" : unnamed.NoType, t.Count)), total),
            Enum.GetValues<ComplaintState>().Select(s => new StateCount(ComplaintLabels.Api(s), stateName(s), byState.Where(x => x.Id == (long)s).Sum(x => x.Count))).ToList());
    }

    public async Task<ComplaintResolution> ResolutionAsync(IQueryable<Complaint> visible, ReportPeriod period, CancellationToken ct)
    {
        var (start, end) = periods.UtcBounds(period);
        var hours = Hours(visible.Where(c => c.ClosedAt >= start && c.ClosedAt < end));
        // One statement: the count and the average, and, as a subquery, the value at the nearest rank
        // ceil(0.9 × n) counted from 1 (its offset is n's own subquery, so no second round trip).
        var summary = await hours.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            Average = g.Average(),
            Percentile = hours.OrderBy(h => h).Skip((hours.Count() * 9 + 9) / 10 - 1).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct);
        if (summary is null) return new ComplaintResolution(period.From, period.To, 0, null, null);
        return new ComplaintResolution(period.From, period.To, summary.Count, Hours(summary.Average), Hours(summary.Percentile));
    }

    private static decimal Hours(double hours) => decimal.Round((decimal)hours, 2, MidpointRounding.AwayFromZero);

    /// <summary>The hours from 受理 to 结案 of each of the closed complaints, worked out in the same
    /// query that applies the user's scope and the period (no join back to the complaints). EF has
    /// no date difference on SQLite, so there the difference is SQLite's own <c>julianday</c>.</summary>
    private IQueryable<double> Hours(IQueryable<Complaint> closed) => db.Database.IsNpgsql()
        ? closed.Select(c => (c.ClosedAt!.Value - c.ReceivedAt).TotalHours)
        : closed.Select(c => (SqliteFunctions.JulianDay(c.ClosedAt!.Value) - SqliteFunctions.JulianDay(c.ReceivedAt)) * 24.0);

    public async Task<ServiceCompletion> CompletionAsync(IQueryable<ServiceTicket> visible, ReportPeriod period, CancellationToken ct)
    {
        var (from, to) = periods.UtcBounds(period);
        var assigned = visible.Where(t => t.AssignedAt >= from && t.AssignedAt < to);
        var byStaff = await (from g in assigned.GroupBy(t => t.ServiceStaffId ?? t.AssignedToId)
                                 .Select(g => new
                                 {
                                     Id = g.Key,
                                     Tickets = g.Count(),
                                     Done = g.Count(t => t.Status == ServiceTicketState.Done),
                                     CompletionSum = g.Where(t => t.Status == ServiceTicketState.Done).Sum(t => t.Completion ?? 0),
                                 })
                             join u in db.Users on g.Id equals u.Id
                             select new { g.Id, u.DisplayName, g.Tickets, g.Done, g.CompletionSum }).ToListAsync(ct);
        var rows = byStaff.OrderByDescending(s => s.Tickets).ThenBy(s => s.Id)
            .Select(s => new StaffCompletion(s.Id, s.DisplayName, s.Tickets, s.Done, Average(s.CompletionSum, s.Done))).ToList();
        var done = byStaff.Sum(s => s.Done);
        return new ServiceCompletion(period.From, period.To, byStaff.Sum(s => s.Tickets), done, Average(byStaff.Sum(s => s.CompletionSum), done), rows);
    }

    private static decimal? Average(int sum, int count) => count == 0 ? null : decimal.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
