using Kehu.Web.Modules.Analytics.Sales;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Analytics.Customers;

/// <summary>How many customers carry one value (a level, a source… or an owner); <see cref="Id"/> null is 未填写.</summary>
public sealed record GroupCount(long? Id, string Name, int Count, decimal Share);

/// <summary>The customers that existed at the end of the period, counted by each of their fields.</summary>
public sealed record CustomerComposition(DateOnly AsOf, int Total, IReadOnlyList<GroupCount> Levels, IReadOnlyList<GroupCount> Sources,
    IReadOnlyList<GroupCount> Industries, IReadOnlyList<GroupCount> Regions, IReadOnlyList<GroupCount> Statuses, IReadOnlyList<GroupCount> Owners);

/// <summary>A salesperson's contact records in the period and how many companies they were with.</summary>
public sealed record RecorderActivity(long Id, string Name, int Records, int Companies);

public sealed record CompanyActivity(int Rank, long Id, string Name, int Records);

/// <summary>An owner's companies whose latest contact record's 下次联系时间 has passed.</summary>
public sealed record OwnerOverdue(long Id, string Name, int Companies);

public sealed record CustomerActivity(DateOnly From, DateOnly To, int Records, int Companies, IReadOnlyList<RecorderActivity> BySalesperson,
    IReadOnlyList<CompanyActivity> ByCustomer, DateOnly Today, int Overdue, IReadOnlyList<OwnerOverdue> OverdueByOwner);

public sealed record ContributionRow(int Rank, long Id, string Name, int Orders, decimal Amount, decimal Share, decimal CumulativeShare, string Class);

public sealed record ClassTotals(string Class, int Customers, decimal Amount, decimal Share);

public sealed record CustomerContribution(DateOnly From, DateOnly To, int Count, SalesTotals Total, IReadOnlyList<ClassTotals> Classes,
    int Buyers, int RepeatBuyers, decimal RepurchaseRate, IReadOnlyList<ContributionRow> Rows);

/// <summary>
/// 客户分析 (README: What counts). Counts are grouped by the database over the companies the user may
/// see; the option ids and user ids are named here.
/// </summary>
public sealed class CustomerAnalysis(KehuDbContext db, CountSeries series, ReportPeriods periods, CustomerLookups lookups, SalesAnalysis sales,
    TimeProvider clock, CompanyTimeZone zone, DatabaseInfo database)
{
    /// <summary>From this many days on, SQLite counts 客户活跃度 by walking the (recorder, company,
    /// 联系时间) index whole instead of the period's range of the 联系时间 index, which it prefers on
    /// its own: the range reads every record's row and sorts the pairs (1.1 s of CPU for a year of
    /// the benchmark's 400,000 records), the walk reads the index alone, already in order (0.1 s).</summary>
    public const int IndexWalkDays = 32;

    private const string WalkByRecorder = "SELECT * FROM contact_records INDEXED BY " + ContactRecord.ByRecorderIndex;

    public const string Unfilled = "未填写";

    public static IQueryable<Company> Customers(IQueryable<Company> visible) => visible.Where(c => c.IsCustomer);

    /// <summary>The six groupings in one <c>UNION ALL</c>, as the hand-written SQL reads them; the total
    /// is the sum of one grouping's counts, since every customer has exactly one level (or none).
    /// <paramref name="unfilled"/> names the customers without a value (in the user's language).</summary>
    public async Task<CustomerComposition> CompositionAsync(IQueryable<Company> visible, ReportPeriod period, string unfilled, CancellationToken ct)
    {
        var (_, end) = periods.UtcBounds(period);
        var customers = Customers(visible).Where(c => c.CreatedAt < end);
        (string List, System.Linq.Expressions.Expression<Func<Company, long?>> Key)[] options =
        [
            (OptionLists.CustomerLevel, c => c.LevelId), (OptionLists.CustomerSource, c => c.SourceId), (OptionLists.Industry, c => c.IndustryId),
            (OptionLists.Region, c => c.RegionId), (OptionLists.CustomerStatus, c => c.StatusId),
        ];
        var owners = from g in customers.GroupBy(c => c.OwnerId).Select(g => new { Id = g.Key, Count = g.Count() })
                     join u in db.Users on g.Id equals u.Id
                     select new GroupTally { Dimension = options.Length, Id = g.Id, Day = null, Name = u.DisplayName, Count = g.Count };
        var groupings = options.Select((o, i) => customers.GroupBy(o.Key).Select(g => new GroupTally { Dimension = i, Id = g.Key, Day = null, Name = null, Count = g.Count() }))
            .Aggregate((a, b) => a.Concat(b));
        var tallies = await groupings.Concat(owners).ToListAsync(ct);
        var total = tallies.Where(t => t.Dimension == 0).Sum(t => t.Count);

        async Task<IReadOnlyList<GroupCount>> ByOption(int dimension)
        {
            var names = await lookups.OptionsAsync(options[dimension].List, ct);
            return Ranked(tallies.Where(t => t.Dimension == dimension)
                .Select(c => (c.Id, c.Id is { } id ? names.FirstOrDefault(o => o.Id == id)?.Name ?? $"#{id}" : unfilled, c.Count)), total);
        }

        return new CustomerComposition(period.To, total, await ByOption(0), await ByOption(1), await ByOption(2), await ByOption(3), await ByOption(4),
            Ranked(tallies.Where(t => t.Dimension == options.Length).Select(o => (o.Id, o.Name ?? "", o.Count)), total));
    }

    /// <summary>Largest first; the unfilled ones last.</summary>
    internal static List<GroupCount> Ranked(IEnumerable<(long? Id, string Name, int Count)> counts, int total) =>
        counts.OrderBy(c => c.Id is null).ThenByDescending(c => c.Count).ThenBy(c => c.Id)
            .Select(c => new GroupCount(c.Id, c.Name, c.Count, SalesAnalysis.Share(c.Count, total))).ToList();

    public Task<CountByPeriod> DevelopmentAsync(IQueryable<Company> visible, ReportPeriod period, CancellationToken ct) =>
        series.CountAsync(Customers(visible), c => c.CreatedAt, period, ct);

    /// <summary>One row of 客户活跃度's single statement: a (recorder, company) pair's records with the
    /// company's name, an owner's overdue companies with the owner's name, or a user's name.</summary>
    private sealed class ActivityTally
    {
        public int Dimension { get; init; }
        public long Id { get; init; }
        public long? CompanyId { get; init; }
        public string? CompanyName { get; init; }
        public string? UserName { get; init; }
        public int Count { get; init; }
    }

    private const int PairRow = 0, OverdueRow = 1, UserRow = 2;

    /// <summary>One statement (a <c>UNION ALL</c>) for the whole report. The period's records are counted
    /// per (recorder, company) first and the groups then joined to the companies the user may see, which
    /// applies the scope to each pair rather than to each record and names the companies on the way.</summary>
    public async Task<CustomerActivity> ActivityAsync(IQueryable<Company> visible, ReportPeriod period, int top, CancellationToken ct)
    {
        var (start, end) = periods.UtcBounds(period);
        var source = database.Provider == DatabaseProvider.Sqlite && period.Days >= IndexWalkDays
            ? db.ContactRecords.FromSqlRaw(WalkByRecorder)
            : db.ContactRecords;
        var pairs = from p in source.Where(r => r.ContactedAt >= start && r.ContactedAt < end)
                        .GroupBy(r => new { r.RecorderId, r.CompanyId })
                        .Select(g => new { g.Key.RecorderId, g.Key.CompanyId, Records = g.Count() })
                    join c in visible on p.CompanyId equals c.Id
                    select new ActivityTally { Dimension = PairRow, Id = p.RecorderId, CompanyId = p.CompanyId, CompanyName = c.Name, UserName = null, Count = p.Records };

        var today = zone.Today(clock);
        var startOfToday = zone.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        // Read through the (company, 联系时间, 下次联系时间) index alone: a probe per company.
        var overdue = visible.Where(c => db.ContactRecords.Any(r => r.CompanyId == c.Id && r.ContactedAt == c.LastContactAt
                                                                    && r.NextContactAt != null && r.NextContactAt < startOfToday));
        var byOwner = from g in overdue.GroupBy(c => c.OwnerId).Select(g => new { Id = g.Key, Companies = g.Count() })
                      join u in db.Users on g.Id equals u.Id
                      select new ActivityTally { Dimension = OverdueRow, Id = g.Id, CompanyId = null, CompanyName = null, UserName = u.DisplayName, Count = g.Companies };
        var users = db.Users.Select(u => new ActivityTally { Dimension = UserRow, Id = u.Id, CompanyId = null, CompanyName = null, UserName = u.DisplayName, Count = 0 });

        var tallies = await pairs.Concat(byOwner).Concat(users).ToListAsync(ct);
        var pairRows = tallies.Where(t => t.Dimension == PairRow).ToList();
        var names = tallies.Where(t => t.Dimension == UserRow).ToDictionary(t => t.Id, t => t.UserName ?? "");
        var byRecorder = pairRows.GroupBy(p => p.Id)
            .Select(g => new RecorderActivity(g.Key, names.GetValueOrDefault(g.Key, ""), g.Sum(p => p.Count), g.Count())).ToList();
        var byCompany = pairRows.GroupBy(p => p.CompanyId!.Value)
            .Select(g => new { Id = g.Key, Name = g.First().CompanyName ?? "", Records = g.Sum(p => p.Count) })
            .OrderByDescending(c => c.Records).ThenBy(c => c.Id).Take(top).ToList();
        var owners = tallies.Where(t => t.Dimension == OverdueRow).Select(t => new OwnerOverdue(t.Id, t.UserName ?? "", t.Count)).ToList();

        return new CustomerActivity(period.From, period.To, pairRows.Sum(p => p.Count), pairRows.Select(p => p.CompanyId).Distinct().Count(),
            byRecorder.OrderByDescending(r => r.Records).ThenBy(r => r.Id).ToList(),
            byCompany.Select((c, i) => new CompanyActivity(i + 1, c.Id, c.Name, c.Records)).ToList(),
            today, owners.Sum(o => o.Companies), owners.OrderByDescending(o => o.Companies).ThenBy(o => o.Id).ToList());
    }

    /// <summary>The ranking by customer with 累计占比, ABC and 复购率 (README: Customer contribution).</summary>
    public async Task<CustomerContribution> ContributionAsync(IQueryable<SalesOrder> orders, ReportPeriod period, CancellationToken ct)
    {
        var ranking = await sales.ByCustomerAsync(orders, period, ct);
        var total = ranking.Total.Amount;
        var rows = new List<ContributionRow>(ranking.Rows.Count);
        var before = 0m;
        foreach (var r in ranking.Rows)
        {
            var cumulative = before + r.Amount;
            rows.Add(new ContributionRow(r.Rank, r.Id, r.Name, r.Orders, r.Amount, r.Share, SalesAnalysis.Share(cumulative, total), AbcClass(before, total)));
            before = cumulative;
        }
        var classes = new[] { "A", "B", "C" }.Select(k =>
        {
            var members = rows.Where(r => r.Class == k).ToList();
            var amount = members.Sum(r => r.Amount);
            return new ClassTotals(k, members.Count, amount, SalesAnalysis.Share(amount, total));
        }).ToList();
        var repeat = rows.Count(r => r.Orders >= 2);
        return new CustomerContribution(period.From, period.To, rows.Count, ranking.Total, classes, rows.Count, repeat, SalesAnalysis.Share(repeat, rows.Count), rows);
    }

    /// <summary>A customer is A while the customers ranked above it have not yet reached 80% (so the one
    /// reaching or crossing 80% is A), B while they have not reached 95%, and C after that.</summary>
    public static string AbcClass(decimal amountBefore, decimal total) =>
        amountBefore < 0.80m * total ? "A" : amountBefore < 0.95m * total ? "B" : "C";
}
