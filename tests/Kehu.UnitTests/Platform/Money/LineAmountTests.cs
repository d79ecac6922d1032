using Kehu.Web.Platform.Money;

namespace Kehu.UnitTests.Platform.Money;

public sealed class LineAmountTests
{
    [Theory]
    [InlineData("10", "12.50", "1", "125.00")]
    [InlineData("3", "100", "0.85", "255.00")]
    [InlineData("1", "0.125", "1", "0.13")]    // midpoint goes away from zero, not to even
    [InlineData("1", "0.135", "1", "0.14")]
    [InlineData("1", "0.145", "1", "0.15")]    // banker's rounding would give 0.14
    [InlineData("3", "33.335", "1", "100.01")] // 100.005
    [InlineData("7", "9.99", "0.95", "66.43")] // 66.4335
    [InlineData("2.5", "19.9", "0.9", "44.78")] // 44.775
    [InlineData("0.001", "1", "1", "0.00")]
    [InlineData("-1", "0.125", "1", "-0.13")]  // away from zero on the negative side too
    public void Of_IsQuantityTimesPriceTimesDiscount_RoundedTo2AwayFromZero(string quantity, string price, string discount, string expected) =>
        LineAmount.Of(D(quantity), D(price), D(discount)).ShouldBe(D(expected));

    [Fact]
    public void Total_IsTheSumOfTheRoundedLines()
    {
        // Each line rounds first: 0.125 + 0.125 is 0.13 + 0.13, not round(0.25).
        var lines = new[] { LineAmount.Of(1, 0.125m, 1), LineAmount.Of(1, 0.125m, 1) };
        LineAmount.Total(lines).ShouldBe(0.26m);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0.85", true)]
    [InlineData("0.01", true)]
    [InlineData("0", false)]
    [InlineData("-0.1", false)]
    [InlineData("1.5", false)]
    [InlineData("1.0001", false)]
    public void IsValidDiscount_AcceptsOnlyAboveZeroUpToOne(string discount, bool valid) =>
        LineAmount.IsValidDiscount(D(discount)).ShouldBe(valid);

    [Fact]
    public void NetUnitPrice_AppliesTheDiscountAtTheGivenScale() =>
        LineAmount.NetUnitPrice(9.99m, 0.95m, 4).ShouldBe(9.4905m);

    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
