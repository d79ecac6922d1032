using Kehu.Web.Platform.Money;

namespace Kehu.UnitTests.Platform.Money;

/// <summary>Reference cases written by hand from the 支付结算办法 rules, not computed by the code.</summary>
public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("1", "壹元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("100", "壹佰元整")]
    [InlineData("1005", "壹仟零伍元整")]
    [InlineData("1010", "壹仟零壹拾元整")]
    [InlineData("10000", "壹万元整")]
    [InlineData("105000", "壹拾万伍仟元整")]
    [InlineData("1000001", "壹佰万零壹元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("1000000000", "壹拾亿元整")]
    [InlineData("1680.32", "壹仟陆佰捌拾元叁角贰分")]
    [InlineData("10.05", "壹拾元零伍分")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.5", "伍角整")]
    [InlineData("0.55", "伍角伍分")]
    [InlineData("107000.53", "壹拾万柒仟元伍角叁分")]
    [InlineData("20304.4", "贰万零叁佰零肆元肆角整")]
    [InlineData("-12.5", "负壹拾贰元伍角整")]
    public void Of_WritesTheAmountInCapitalNumerals(string amount, string expected) =>
        ChineseAmount.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void Of_RoundsToTheFenAwayFromZero_First() =>
        ChineseAmount.Of(2.345m).ShouldBe("贰元叁角伍分");
}
