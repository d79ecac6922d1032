namespace Kehu.Web.Platform.Data;

/// <summary>The company's time zone (configuration <c>Kehu:TimeZone</c>, default Asia/Shanghai):
/// dates such as "today" and number periods are taken in it; times are stored in UTC.</summary>
public sealed class CompanyTimeZone(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC instant at which the given local date ends (start of the next day).</summary>
    public DateTime EndOfDayUtc(DateOnly date) => ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue));
}
