using Kehu.Web.Modules.Imports;

namespace Kehu.UnitTests.Modules.Imports;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("2026-11-27", 2026, 11, 27, 0, 0)]
    [InlineData("2026/11/27", 2026, 11, 27, 0, 0)]
    [InlineData("2026年11月27日", 2026, 11, 27, 0, 0)]
    [InlineData("2026-1-5", 2026, 1, 5, 0, 0)]
    [InlineData("2026/11/27 14:30", 2026, 11, 27, 14, 30)]
    [InlineData("2026年11月27日 9:05", 2026, 11, 27, 9, 5)]
    [InlineData("46353", 2026, 11, 27, 0, 0)]
    public void DatesAsText_AreRead(string text, int y, int m, int d, int h, int mi)
    {
        ImportValues.TryDateTime(text, out var at).ShouldBeTrue();
        at.ShouldBe(new DateTime(y, m, d, h, mi, 0));
    }

    [Fact]
    public void ExcelSerialNumbers_AndDateCells_AreRead()
    {
        ImportValues.TryDate(46353.0, out var day).ShouldBeTrue();
        day.ShouldBe(new DateOnly(2026, 11, 27));
        ImportValues.TryDateTime(46353.5, out var noon).ShouldBeTrue();
        noon.ShouldBe(new DateTime(2026, 11, 27, 12, 0, 0));
        ImportValues.TryDateTime(new DateTime(2026, 11, 27, 8, 0, 0), out var cell).ShouldBeTrue();
        cell.ShouldBe(new DateTime(2026, 11, 27, 8, 0, 0));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("明天")]
    [InlineData("27/11/2026")]
    [InlineData("")]
    public void NotADate_IsRefused(string text) => ImportValues.TryDateTime(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1，234", "1234")]
    [InlineData("12,345,678", "12345678")]
    [InlineData("¥1,280.00", "1280.00")]
    [InlineData("3.5元", "3.5")]
    [InlineData("-12.5", "-12.5")]
    public void NumbersWithThousandsSeparators_AreRead(string text, string expected)
    {
        ImportValues.TryDecimal(text, out var value).ShouldBeTrue();
        value.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("12,34")]
    [InlineData("1,2345")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    public void MisplacedSeparators_AndText_AreNotNumbers(string text) => ImportValues.TryDecimal(text, out _).ShouldBeFalse();

    [Fact]
    public void NumericCells_AreNumbers_AndTheirTextHasNoExponent()
    {
        ImportValues.TryDecimal(1280.5, out var value).ShouldBeTrue();
        value.ShouldBe(1280.5m);
        ImportValues.Text(13800138000.0).ShouldBe("13800138000");
        ImportValues.Text(new DateTime(2026, 11, 27)).ShouldBe("2026-11-27");
        ImportValues.Text("  甲  ").ShouldBe("甲");
        ImportValues.Text("   ").ShouldBeNull();
    }
}

public sealed class HeaderMatcherTests
{
    private static readonly (string, IReadOnlyList<string>)[] Fields =
    [
        ("name", ["单位名称", "Company name"]),
        ("levelId", ["客户等级", "Customer level"]),
        ("phone", ["电话", "Phone"]),
    ];

    [Fact]
    public void Headers_MatchByChineseLabel_EnglishLabel_OrFieldName_IgnoringCaseAndSpaces()
    {
        HeaderMatcher.Match(["单位名称", "customer LEVEL", "PHONE"], Fields).ShouldBe(["name", "levelId", "phone"]);
        HeaderMatcher.Match(["Name", "level_id", " 电 话 "], Fields).ShouldBe(["name", "levelId", "phone"]);
        HeaderMatcher.Match(["ＮＡＭＥ", "Level Id", "*电话"], Fields).ShouldBe(["name", "levelId", "phone"]);
    }

    [Fact]
    public void UnknownHeaders_AndASecondColumnForAField_AreNotImported()
    {
        HeaderMatcher.Match(["备注", "单位名称", "name"], Fields).ShouldBe([null, "name", null]);
    }
}
