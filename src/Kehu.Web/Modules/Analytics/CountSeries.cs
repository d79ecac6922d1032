using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Analytics;

/// <summary>One bucket of a count series, with the bucket at the same place in the previous period (上期).</summary>
public sealed record CountBucket(DateOnly Start, DateOnly End, string Label, int Count, int? Previous);

public sealed record CountByPeriod(DateOnly From, DateOnly To, string Unit, DateOnly PreviousFrom, DateOnly PreviousTo,
    IReadOnlyList<CountBucket> Buckets, int Total, int PreviousTotal);

/// <summary>Counts rows per bucket of the period by the local day of a UTC time stamp (新增客户, 投诉),
/// next to the previous period, as the sales series does with its amounts.</summary>
public sealed class CountSeries(LocalDays localDays, ReportPeriods periods)
{
    public async Task<CountByPeriod> CountAsync<T>(IQueryable<T> rows, Expression<Func<T, DateTime>> at, ReportPeriod period, CancellationToken ct) =>
        Fold(await Query(rows, at, period).ToListAsync(ct), period);

    /// <summary>The per-day counts of the previous period and the period, as one query that a report
    /// may run together with its other groupings (tallies of <paramref name="dimension"/>).</summary>
    public IQueryable<GroupTally> Query<T>(IQueryable<T> rows, Expression<Func<T, DateTime>> at, ReportPeriod period, int dimension = 0)
    {
        var (from, _) = periods.UtcBounds(period.Previous());
        var (_, to) = periods.UtcBounds(period);
        return localDays.Query(rows, at, from, to, dimension);
    }

    /// <summary>The day tallies of <see cref="Query"/> folded into the period's buckets and the previous period's.</summary>
    public static CountByPeriod Fold(IEnumerable<GroupTally> dayTallies, ReportPeriod period)
    {
        var previous = period.Previous();
        var days = LocalDays.Merge(dayTallies).Select(d => (d.Day, d.Count)).ToList();
        var current = period.Fold(days, (a, b) => a + b, 0);
        var before = previous.Fold(days, (a, b) => a + b, 0);
        var buckets = current.Select((b, i) => new CountBucket(b.Bucket.Start, b.Bucket.End, period.Label(b.Bucket), b.Value,
            i < before.Count ? before[i].Value : null)).ToList();
        return new CountByPeriod(period.From, period.To, period.SeriesUnit.ToString().ToLowerInvariant(), previous.From, previous.To,
            buckets, current.Sum(b => b.Value), before.Sum(b => b.Value));
    }
}
