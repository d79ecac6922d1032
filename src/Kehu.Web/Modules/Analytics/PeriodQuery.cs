using System.Globalization;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics;

/// <summary>The period as a page or the API asks for it. The page sends <see cref="Period"/> (day,
/// week, month, quarter, year or custom) with <see cref="Date"/>, or custom with <see cref="From"/>
/// and <see cref="To"/>; the API sends <see cref="From"/> and <see cref="To"/>. Dates are
/// yyyy-MM-dd. Nothing sent: the current month.</summary>
public sealed class PeriodQuery
{
    public string? Period { get; set; }
    public string? Date { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    /// <summary>The series unit (day, week, month, quarter, year); left out, it follows the length.</summary>
    public string? GroupBy { get; set; }
    /// <summary>The API's <c>xlsx</c> or <c>csv</c>: the report's tables as a file instead of JSON (README: API).</summary>
    public string? Format { get; set; }

    public static PeriodQuery Of(ReportPeriod period) => new()
    {
        Period = "custom",
        From = ReportPeriod.Iso(period.From),
        To = ReportPeriod.Iso(period.To),
    };
}

/// <summary>Turns a <see cref="PeriodQuery"/> into a <see cref="ReportPeriod"/>, or says which field is wrong.</summary>
public sealed class ReportPeriods(CompanyTimeZone zone, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public DateOnly Today => zone.Today(clock);

    public Result<ReportPeriod> Resolve(PeriodQuery q)
    {
        var check = new Validation();
        var unit = ParseUnit(q.Period, "period", l["统计周期"], check);
        var groupBy = ParseUnit(q.GroupBy, "groupBy", l["汇总单位"], check);
        if (groupBy == PeriodUnit.Custom) check.Add("groupBy", l["{0}格式不正确", l["汇总单位"]]);
        var date = ParseDate(q.Date, "date", l["日期"], check);
        var from = ParseDate(q.From, "from", l["开始日期"], check);
        var to = ParseDate(q.To, "to", l["结束日期"], check);
        if (!check.IsValid) return check.ToError(l["请检查统计周期"]);

        unit ??= from is not null || to is not null ? PeriodUnit.Custom : PeriodUnit.Month;
        if (unit != PeriodUnit.Custom)
        {
            var around = ReportPeriod.Around(unit.Value, date ?? Today);
            return new ReportPeriod(around.From, around.To, groupBy);
        }

        if (from is null) check.Add("from", l["{0}不能为空", l["开始日期"]]);
        if (to is null) check.Add("to", l["{0}不能为空", l["结束日期"]]);
        if (from is { } f && to is { } t)
        {
            if (t < f) check.Add("to", l["{0}不能早于{1}", l["结束日期"], l["开始日期"]]);
            else if (t.DayNumber - f.DayNumber + 1 > ReportPeriod.MaxDays) check.Add("to", l["统计周期不能超过十年"]);
        }
        if (!check.IsValid) return check.ToError(l["请检查统计周期"]);
        return new ReportPeriod(from!.Value, to!.Value, groupBy);
    }

    /// <summary>The UTC instants the period's first day starts and the day after its last starts.</summary>
    public (DateTime From, DateTime To) UtcBounds(ReportPeriod period) =>
        (zone.ToUtc(period.From.ToDateTime(TimeOnly.MinValue)), zone.EndOfDayUtc(period.To));

    private PeriodUnit? ParseUnit(string? text, string field, string label, Validation check)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Enum.TryParse<PeriodUnit>(text.Trim(), ignoreCase: true, out var unit) && Enum.IsDefined(unit) && !char.IsDigit(text.Trim()[0])) return unit;
        check.Add(field, l["{0}格式不正确", label]);
        return null;
    }

    private DateOnly? ParseDate(string? text, string field, string label, Validation check)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        check.Add(field, l["{0}格式不正确，应为 yyyy-MM-dd", label]);
        return null;
    }
}
