namespace Kehu.Web.Platform.Data;

/// <summary>SQLite's own functions that EF has no translation for, mapped in the model
/// (<see cref="KehuDbContext"/>) so a LINQ query can call them. They run only in the database.</summary>
public static class SqliteFunctions
{
    /// <summary>SQLite's <c>date(time, modifier)</c>: the day of a stored time shifted by a modifier
    /// such as <c>+480 minutes</c>. EF writes <c>DateOnly.FromDateTime(t.AddMinutes(m))</c> as a
    /// formatted, trimmed and re-parsed time per row, which made grouping by local day several times
    /// slower than this one call.</summary>
    public static DateOnly Date(DateTime at, string modifier) => throw new NotSupportedException("SQLite's date() runs only inside a query.");

    /// <summary>SQLite's <c>julianday(time)</c>: a stored time as fractional days, so two times'
    /// difference in hours is a subtraction.</summary>
    public static double JulianDay(DateTime at) => throw new NotSupportedException("SQLite's julianday() runs only inside a query.");
}
