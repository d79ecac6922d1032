namespace Kehu.Web.Modules.Analytics;

/// <summary>
/// Sums of money and quantities, exact and native on both databases. SQLite keeps decimals as text,
/// and EF sums them with a managed aggregate that parses every value: five to eight times slower
/// than SQLite's own SUM at a million rows. So each value is summed as whole cents (or thousandths
/// of a unit): <c>(long)Math.Round((double)amount * 100)</c>, which EF writes as
/// <c>CAST(round(CAST(amount AS REAL) * 100.0) AS INTEGER)</c> on SQLite and the same in
/// PostgreSQL. A value with at most two (three) decimals and below 10^13 comes back as its exact
/// integer, and integer sums are exact; <see cref="Money"/> and <see cref="Quantity"/> turn them back.
/// </summary>
public static class ExactSums
{
    public static decimal Money(long cents) => cents / 100m;

    public static decimal Quantity(long thousandths) => thousandths / 1000m;
}
