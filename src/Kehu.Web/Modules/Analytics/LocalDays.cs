using System.Linq.Expressions;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Kehu.Web.Modules.Analytics;

/// <summary>A count on one of the company's days.</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>
/// One grouped row of a report that asks several groupings in one statement (a <c>UNION ALL</c>):
/// which grouping it belongs to, its key (an id or a day), a name when the grouping joins one, and
/// its count. A settable class rather than a record, so EF can compose and concatenate it.
/// </summary>
public sealed class GroupTally
{
    public int Dimension { get; init; }
    public long? Id { get; init; }
    public DateOnly? Day { get; init; }
    public string? Name { get; init; }
    public int Count { get; init; }
}

/// <summary>
/// Groups rows by the company's day their UTC time stamp falls on, in the database. PostgreSQL
/// converts with its own time-zone rules (<c>AT TIME ZONE</c>, which Npgsql makes of
/// <c>ConvertTimeBySystemTimeZoneId</c>). SQLite has none, so the range is
/// cut where the zone's offset changes (daylight saving) and each part is shifted by its offset;
/// in a zone without daylight saving (Asia/Shanghai) that is one part.
/// </summary>
public sealed class LocalDays(KehuDbContext db, CompanyTimeZone zone)
{
    /// <summary>The rows counted per local day as a query, to run alone or in a <c>UNION ALL</c> with
    /// other groupings: tallies of <paramref name="dimension"/> with <see cref="GroupTally.Day"/> set. A day
    /// cut by an offset change comes back once per part; <see cref="Merge"/> adds them up.</summary>
    public IQueryable<GroupTally> Query<T>(IQueryable<T> rows, Expression<Func<T, DateTime>> at, DateTime fromUtc, DateTime toUtc, int dimension = 0)
    {
        IQueryable<GroupTally>? all = null;
        foreach (var (start, end, offset) in db.Database.IsNpgsql() ? [(fromUtc, toUtc, TimeSpan.Zero)] : Segments(zone.Zone, fromUtc, toUtc))
        {
            var day = db.Database.IsNpgsql() ? PostgresDay(at) : ShiftedDay(at, offset);
            var part = rows.Where(Between(at, start, end)).GroupBy(day).Select(g => new GroupTally { Dimension = dimension, Id = null, Day = g.Key, Name = null, Count = g.Count() });
            all = all is null ? part : all.Concat(part);
        }
        return all ?? throw new ArgumentException("The range is empty: a report period has at least one day.", nameof(toUtc));
    }

    /// <summary>The day tallies as one count per day, in day order.</summary>
    public static List<DayCount> Merge(IEnumerable<GroupTally> days) =>
        days.GroupBy(t => t.Day!.Value).Select(g => new DayCount(g.Key, g.Sum(t => t.Count))).OrderBy(c => c.Day).ToList();

    /// <summary>The parts of [from, to) in which the zone's UTC offset stays the same.</summary>
    /// <remarks>Offsets change on a quarter hour at the finest, and months apart, so the quarter hours
    /// are probed a day apart and a change found between two probes is pinned by halving. Probing
    /// every quarter hour cost about 100 ms per report on SQLite (two years are 70,000 probes).</remarks>
    public static List<(DateTime From, DateTime To, TimeSpan Offset)> Segments(TimeZoneInfo zone, DateTime fromUtc, DateTime toUtc)
    {
        TimeSpan OffsetAt(long ticks) => zone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Utc));
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        var day = TimeSpan.FromDays(1).Ticks;
        var parts = new List<(DateTime, DateTime, TimeSpan)>();
        var start = fromUtc;
        var offset = OffsetAt(fromUtc.Ticks);
        var first = (fromUtc.Ticks + quarter - 1) / quarter * quarter;
        var last = (toUtc.Ticks - 1) / quarter * quarter;
        for (var probed = first; probed <= last;)
        {
            var next = Math.Min(probed + day, last);
            if (OffsetAt(next) == offset && OffsetAt(probed) == offset)
            {
                if (next == last) break;
                probed = next;
                continue;
            }
            // The first quarter hour in [probed, next] whose offset differs.
            var (low, high) = (probed, next);
            while (low < high)
            {
                var middle = low + (high - low) / quarter / 2 * quarter;
                if (OffsetAt(middle) != offset) high = middle;
                else low = middle + quarter;
            }
            parts.Add((start, new DateTime(low, DateTimeKind.Utc), offset));
            start = new DateTime(low, DateTimeKind.Utc);
            offset = OffsetAt(low);
            probed = low;
        }
        if (start < toUtc) parts.Add((start, toUtc, offset));
        return parts;
    }

    private static Expression<Func<T, bool>> Between<T>(Expression<Func<T, DateTime>> at, DateTime from, DateTime to)
    {
        Expression<Func<DateTime>> f = () => from;
        Expression<Func<DateTime>> t = () => to;
        var body = Expression.AndAlso(Expression.GreaterThanOrEqual(at.Body, f.Body), Expression.LessThan(at.Body, t.Body));
        return Expression.Lambda<Func<T, bool>>(body, at.Parameters);
    }

    private static Expression<Func<T, DateOnly>> ShiftedDay<T>(Expression<Func<T, DateTime>> at, TimeSpan offset)
    {
        var modifier = FormattableString.Invariant($"{offset.TotalMinutes:+0;-0} minutes");
        Expression<Func<DateTime, DateOnly>> day = t => SqliteFunctions.Date(t, modifier);
        return Expression.Lambda<Func<T, DateOnly>>(ReplacingExpressionVisitor.Replace(day.Parameters[0], at.Body, day.Body), at.Parameters);
    }

    private Expression<Func<T, DateOnly>> PostgresDay<T>(Expression<Func<T, DateTime>> at)
    {
        var id = zone.Zone.Id;
        Expression<Func<DateTime, DateTime>> local = t => TimeZoneInfo.ConvertTimeBySystemTimeZoneId(t, id);
        var converted = ReplacingExpressionVisitor.Replace(local.Parameters[0], at.Body, local.Body);
        return Day<T>(converted, at.Parameters[0]);
    }

    private static Expression<Func<T, DateOnly>> Day<T>(Expression local, ParameterExpression row) =>
        Expression.Lambda<Func<T, DateOnly>>(Expression.Call(typeof(DateOnly).GetMethod(nameof(DateOnly.FromDateTime), [typeof(DateTime)])!, local), row);
}
