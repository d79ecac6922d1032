using System.Globalization;

namespace Kehu.Web.Modules.Analytics;

/// <summary>How a period is chosen on the page (日 / 周 / 月 / 季 / 年 around a date, or a range),
/// and the unit a series is shown in.</summary>
public enum PeriodUnit
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Custom,
}

/// <summary>One bucket of a series: the days <see cref="Start"/> to <see cref="End"/>, both included.</summary>
public sealed record PeriodBucket(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>
/// A report's period: the company's days <see cref="From"/> to <see cref="To"/>, both included, and
/// the unit its series are shown in (README: Periods).
/// </summary>
public sealed record ReportPeriod
{
    /// <summary>The longest period a report covers: ten years of days.</summary>
    public const int MaxDays = 3660;

    public DateOnly From { get; }
    public DateOnly To { get; }
    /// <summary>The series unit: never <see cref="PeriodUnit.Custom"/>.</summary>
    public PeriodUnit SeriesUnit { get; }

    public ReportPeriod(DateOnly from, DateOnly to, PeriodUnit? seriesUnit = null)
    {
        if (to < from) throw new ArgumentException("A period ends on or after its first day.", nameof(to));
        From = from;
        To = to;
        SeriesUnit = seriesUnit is null or PeriodUnit.Custom ? UnitFor(Days) : seriesUnit.Value;
    }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of <paramref name="unit"/> that holds <paramref name="day"/> (weeks start on Monday).</summary>
    public static ReportPeriod Around(PeriodUnit unit, DateOnly day)
    {
        var from = StartOf(unit, day);
        return new ReportPeriod(from, NextStart(unit, from).AddDays(-1));
    }

    /// <summary>The series unit for a range of this many days: day up to a month, week up to a
    /// quarter, month up to two years, quarter beyond.</summary>
    public static PeriodUnit UnitFor(int days) => days switch
    {
        <= 31 => PeriodUnit.Day,
        <= 92 => PeriodUnit.Week,
        <= 731 => PeriodUnit.Month,
        _ => PeriodUnit.Quarter,
    };

    /// <summary>The calendar unit the period is exactly one of (a whole month, quarter or year), if any.</summary>
    public PeriodUnit? CalendarUnit
    {
        get
        {
            foreach (var unit in (PeriodUnit[])[PeriodUnit.Year, PeriodUnit.Quarter, PeriodUnit.Month, PeriodUnit.Week, PeriodUnit.Day])
            {
                if (StartOf(unit, From) == From && NextStart(unit, From).AddDays(-1) == To) return unit;
            }
            return null;
        }
    }

    /// <summary>上期: the calendar month, quarter or year before a whole one; otherwise the same
    /// number of days just before. Its series has the same unit, so buckets compare one to one.</summary>
    public ReportPeriod Previous()
    {
        if (CalendarUnit is PeriodUnit.Month or PeriodUnit.Quarter or PeriodUnit.Year)
        {
            var unit = CalendarUnit.Value;
            var start = StartOf(unit, From.AddDays(-1));
            return new ReportPeriod(start, From.AddDays(-1), SeriesUnit);
        }
        return new ReportPeriod(From.AddDays(-Days), From.AddDays(-1), SeriesUnit);
    }

    /// <summary>The series' buckets, in order; the first and last are cut to the period.</summary>
    public IReadOnlyList<PeriodBucket> Buckets()
    {
        var buckets = new List<PeriodBucket>();
        var start = From;
        while (start <= To)
        {
            var next = NextStart(SeriesUnit, StartOf(SeriesUnit, start));
            var end = next.AddDays(-1) < To ? next.AddDays(-1) : To;
            buckets.Add(new PeriodBucket(start, end));
            start = next;
        }
        return buckets;
    }

    /// <summary>Folds per-day figures into the series' buckets.</summary>
    public IReadOnlyList<(PeriodBucket Bucket, T Value)> Fold<T>(IEnumerable<(DateOnly Day, T Value)> days, Func<T, T, T> add, T zero)
    {
        var buckets = Buckets();
        var values = buckets.Select(_ => zero).ToArray();
        foreach (var (day, value) in days)
        {
            var i = IndexOf(buckets, day);
            if (i >= 0) values[i] = add(values[i], value);
        }
        return buckets.Select((b, i) => (b, values[i])).ToList();
    }

    private static int IndexOf(IReadOnlyList<PeriodBucket> buckets, DateOnly day)
    {
        int lo = 0, hi = buckets.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (day < buckets[mid].Start) hi = mid - 1;
            else if (day > buckets[mid].End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>A bucket's name in the series: 2026-11-27, 2026-11-23 起 (a week), 2026-11, 2026 Q4, 2026.</summary>
    public string Label(PeriodBucket bucket) => SeriesUnit switch
    {
        PeriodUnit.Day => bucket.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.Week => bucket.Start.ToString("MM-dd", CultureInfo.InvariantCulture) + "~" + bucket.End.ToString("MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.Month => bucket.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodUnit.Quarter => $"{bucket.Start.Year} Q{(bucket.Start.Month + 2) / 3}",
        PeriodUnit.Year => bucket.Start.Year.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("A series has no custom unit."),
    };

    public static DateOnly StartOf(PeriodUnit unit, DateOnly day) => unit switch
    {
        PeriodUnit.Day => day,
        PeriodUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        PeriodUnit.Month => new DateOnly(day.Year, day.Month, 1),
        PeriodUnit.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        PeriodUnit.Year => new DateOnly(day.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "A custom period has no calendar start."),
    };

    private static DateOnly NextStart(PeriodUnit unit, DateOnly start) => unit switch
    {
        PeriodUnit.Day => start.AddDays(1),
        PeriodUnit.Week => start.AddDays(7),
        PeriodUnit.Month => start.AddMonths(1),
        PeriodUnit.Quarter => start.AddMonths(3),
        PeriodUnit.Year => start.AddYears(1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "A custom period has no calendar start."),
    };

    public string Text => From == To ? Iso(From) : Iso(From) + " ~ " + Iso(To);

    /// <summary>A day as the API and the query strings write it: yyyy-MM-dd.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
