namespace Kehu.Web.Platform.Money;

/// <summary>The money rules purchase and sales orders share (SPEC §3.4): a line's 金额 is
/// quantity × unit price × discount, rounded to 2 decimals away from zero; an order's total is the
/// sum of its rounded lines.</summary>
public static class LineAmount
{
    public const int Scale = 2;
    public const decimal MaxDiscount = 1m;

    public static decimal Of(decimal quantity, decimal unitPrice, decimal discount) =>
        decimal.Round(quantity * unitPrice * discount, Scale, MidpointRounding.AwayFromZero);

    public static decimal Total(IEnumerable<decimal> lineAmounts) => lineAmounts.Sum();

    /// <summary>0 &lt; d ≤ 1: 0.85 is 15% off.</summary>
    public static bool IsValidDiscount(decimal discount) => discount > 0 && discount <= MaxDiscount;

    /// <summary>The unit price after discount, at the stock ledger's cost scale.</summary>
    public static decimal NetUnitPrice(decimal unitPrice, decimal discount, int scale) =>
        decimal.Round(unitPrice * discount, scale, MidpointRounding.AwayFromZero);
}
