using Kehu.Web.Modules.Analytics;

namespace Kehu.UnitTests.Modules.Analytics;

public sealed class ReportPeriodTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(PeriodUnit.Day, "2026-11-27", "2026-11-27", "2026-11-27")]
    [InlineData(PeriodUnit.Week, "2026-11-27", "2026-11-23", "2026-11-29")]
    [InlineData(PeriodUnit.Week, "2026-11-23", "2026-11-23", "2026-11-29")]
    [InlineData(PeriodUnit.Week, "2026-11-29", "2026-11-23", "2026-11-29")]
    [InlineData(PeriodUnit.Month, "2024-02-10", "2024-02-01", "2024-02-29")]
    [InlineData(PeriodUnit.Quarter, "2026-11-27", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodUnit.Year, "2026-11-27", "2026-01-01", "2026-12-31")]
    public void Around_GivesTheCalendarPeriodHoldingTheDay_WeeksStartingOnMonday(PeriodUnit unit, string day, string from, string to)
    {
        var period = ReportPeriod.Around(unit, DateOnly.Parse(day));
        (period.From, period.To).ShouldBe((DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void Previous_OfAWholeMonth_IsTheMonthBefore_WhateverItsLength()
    {
        var march = new ReportPeriod(D(2024, 3, 1), D(2024, 3, 31));
        var previous = march.Previous();
        (previous.From, previous.To).ShouldBe((D(2024, 2, 1), D(2024, 2, 29)));
        previous.SeriesUnit.ShouldBe(PeriodUnit.Day);
    }

    [Fact]
    public void Previous_OfAQuarterAndAYear_AreTheCalendarOnesBefore()
    {
        var q1 = new ReportPeriod(D(2026, 1, 1), D(2026, 3, 31)).Previous();
        (q1.From, q1.To).ShouldBe((D(2025, 10, 1), D(2025, 12, 31)));
        var year = new ReportPeriod(D(2024, 1, 1), D(2024, 12, 31)).Previous();
        (year.From, year.To).ShouldBe((D(2023, 1, 1), D(2023, 12, 31)));
    }

    [Fact]
    public void Previous_OfAnyOtherRange_IsAsManyDaysJustBefore()
    {
        var previous = new ReportPeriod(D(2026, 3, 10), D(2026, 3, 19)).Previous();
        (previous.From, previous.To).ShouldBe((D(2026, 2, 28), D(2026, 3, 9)));
    }

    [Theory]
    [InlineData(1, PeriodUnit.Day)]
    [InlineData(31, PeriodUnit.Day)]
    [InlineData(32, PeriodUnit.Week)]
    [InlineData(92, PeriodUnit.Week)]
    [InlineData(93, PeriodUnit.Month)]
    [InlineData(731, PeriodUnit.Month)]
    [InlineData(732, PeriodUnit.Quarter)]
    public void SeriesUnit_FollowsTheLength(int days, PeriodUnit unit) =>
        new ReportPeriod(D(2024, 1, 1), D(2024, 1, 1).AddDays(days - 1)).SeriesUnit.ShouldBe(unit);

    [Fact]
    public void Buckets_CoverThePeriodExactlyOnce_CuttingTheFirstAndLastWeek()
    {
        var period = new ReportPeriod(D(2024, 2, 28), D(2024, 3, 12), PeriodUnit.Week);
        period.Buckets().ShouldBe([
            new PeriodBucket(D(2024, 2, 28), D(2024, 3, 3)),
            new PeriodBucket(D(2024, 3, 4), D(2024, 3, 10)),
            new PeriodBucket(D(2024, 3, 11), D(2024, 3, 12)),
        ]);
    }

    [Fact]
    public void Buckets_ByQuarter_AreLabelledByYearAndQuarter()
    {
        var period = new ReportPeriod(D(2023, 11, 15), D(2024, 4, 2), PeriodUnit.Quarter);
        period.Buckets().Select(period.Label).ShouldBe(["2023 Q4", "2024 Q1", "2024 Q2"]);
    }

    [Fact]
    public void Fold_AddsEachDayToItsBucket_AndIgnoresDaysOutside()
    {
        var period = new ReportPeriod(D(2024, 1, 1), D(2024, 3, 31), PeriodUnit.Month);
        var folded = period.Fold([(D(2024, 1, 1), 1m), (D(2024, 1, 31), 2m), (D(2024, 2, 1), 4m), (D(2024, 3, 31), 8m), (D(2024, 4, 1), 16m), (D(2023, 12, 31), 32m)],
            (a, b) => a + b, 0m);
        folded.Select(f => f.Value).ShouldBe([3m, 4m, 8m]);
    }

    [Fact]
    public void Segments_InAZoneWithoutDaylightSaving_AreOne()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var from = new DateTime(2023, 12, 31, 16, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2024, 12, 31, 16, 0, 0, DateTimeKind.Utc);
        LocalDays.Segments(shanghai, from, to).ShouldBe([(from, to, TimeSpan.FromHours(8))]);
    }

    [Fact]
    public void Segments_InAZoneWithDaylightSaving_SplitWhereTheOffsetChanges()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var from = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        LocalDays.Segments(berlin, from, to).ShouldBe([
            (from, new DateTime(2024, 3, 31, 1, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1)),
            (new DateTime(2024, 3, 31, 1, 0, 0, DateTimeKind.Utc), new DateTime(2024, 10, 27, 1, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(2)),
            (new DateTime(2024, 10, 27, 1, 0, 0, DateTimeKind.Utc), to, TimeSpan.FromHours(1)),
        ]);
    }
}
