using Kehu.Web.Platform.Numbering;

namespace Kehu.UnitTests.Platform.Numbering;

public sealed class NumberFormatTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    [Fact]
    public void Format_DefaultDocumentPattern_GivesPrefixDateAndPaddedSequence() =>
        NumberFormat.Format("PO-{date:yyyyMMdd}-{seq:4}", Day, 1).ShouldBe("PO-20261127-0001");

    [Fact]
    public void Format_RecordCode_HasNoDatePart() =>
        NumberFormat.Format("C{seq:6}", Day, 123).ShouldBe("C000123");

    [Fact]
    public void Format_SequenceWiderThanPadding_IsNotTruncated() =>
        NumberFormat.Format("C{seq:2}", Day, 12345).ShouldBe("C12345");

    [Fact]
    public void Period_IsTheDatePart_SoCountersRestartEachDay()
    {
        NumberFormat.Period("PO-{date:yyyyMMdd}-{seq:4}", Day).ShouldBe("20261127");
        NumberFormat.Period("PO-{date:yyyyMMdd}-{seq:4}", Day.AddDays(1)).ShouldBe("20261128");
        NumberFormat.Period("C{seq:6}", Day).ShouldBe("");
    }

    [Theory]
    [InlineData("PO-{date:yyyyMMdd}-{seq:4}", true)]
    [InlineData("C{seq:6}", true)]
    [InlineData("C-{date:yyyyMM}-{seq:3}", true)]
    [InlineData("NO-SEQUENCE", false)]
    [InlineData("{seq:4}{seq:4}", false)]
    [InlineData("X{seq:0}", false)]
    [InlineData("X{seq:abc}", false)]
    [InlineData("X{date:HHmm}{seq:3}", false)]
    [InlineData("X{other}{seq:3}", false)]
    [InlineData("", false)]
    public void IsValid_AcceptsOnlyPatternsWithOneSequenceAndDateParts(string pattern, bool valid) =>
        NumberFormat.IsValid(pattern).ShouldBe(valid);
}
