using Kehu.Web.Modules.Products;

namespace Kehu.UnitTests.Modules.Products;

public sealed class BarcodeTests
{
    [Theory]
    [InlineData("4006381333931")] // EAN-13
    [InlineData("6901234567892")] // EAN-13, Chinese prefix
    [InlineData("73513537")] // EAN-8
    [InlineData("96385074")] // EAN-8
    [InlineData("036000291452")] // UPC-A
    [InlineData("012345678905")] // UPC-A
    public void Verify_AcceptsACorrectCheckDigit(string barcode) => Barcode.Verify(barcode).ShouldBe(Barcode.Check.Valid);

    [Theory]
    [InlineData("4006381333932")]
    [InlineData("73513538")]
    [InlineData("036000291450")]
    public void Verify_RefusesAWrongCheckDigit(string barcode) => Barcode.Verify(barcode).ShouldBe(Barcode.Check.BadCheckDigit);

    [Theory]
    [InlineData("ABC-123")]
    [InlineData("1234567")]
    [InlineData("12345678901234")]
    [InlineData("40063813339X1")]
    public void Verify_LeavesOtherCodesUnchecked(string barcode) => Barcode.Verify(barcode).ShouldBe(Barcode.Check.NotGs1);

    [Fact]
    public void CheckDigit_IsWhatCompletesAValidCode() => Barcode.CheckDigit("400638133393").ShouldBe(1);

    [Fact]
    public void Normalize_DropsSpacesAndHyphens() => Barcode.Normalize(" 4 006381-333931 ").ShouldBe("4006381333931");
}
