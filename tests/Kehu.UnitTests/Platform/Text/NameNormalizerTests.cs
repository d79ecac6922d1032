using CsCheck;
using Kehu.Web.Platform.Text;

namespace Kehu.UnitTests.Platform.Text;

public sealed class NameNormalizerTests
{
    [Theory]
    [InlineData("  上海机电  ", "上海机电")]
    [InlineData("ＡＢＣ机电", "abc机电")]
    [InlineData("Abc   Trading\tCo", "abc trading co")]
    [InlineData("上海机电（集团）", "上海机电(集团)")]
    [InlineData("１２３", "123")]
    public void Normalize_FoldsWidthCaseAndWhitespace(string input, string expected) =>
        NameNormalizer.Normalize(input).ShouldBe(expected);

    [Fact]
    public void Normalize_OfBlank_IsEmpty()
    {
        NameNormalizer.Normalize(null).ShouldBe("");
        NameNormalizer.Normalize(" 　\t").ShouldBe("");
    }

    [Fact]
    public void Normalize_IsIdempotent() =>
        Gen.String.Sample(s => NameNormalizer.Normalize(NameNormalizer.Normalize(s)) == NameNormalizer.Normalize(s));

    [Fact]
    public void Bigrams_AreTheDistinctTwoCharacterPieces() =>
        NameNormalizer.Bigrams("机电机电").ShouldBe(["机电", "电机"]);

    [Fact]
    public void Bigrams_OfOneCharacter_IsThatCharacter() =>
        NameNormalizer.Bigrams("机").ShouldBe(["机"]);

    [Fact]
    public void EverySubstringOfTwoOrMore_SharesABigramWithTheName() =>
        Gen.String[2, 30].Sample(name =>
        {
            var n = NameNormalizer.Normalize(name);
            if (n.Length < 2) return true;
            var grams = NameNormalizer.Bigrams(n).ToHashSet();
            for (var i = 0; i + 2 <= n.Length; i++)
                if (!grams.Contains(NameNormalizer.Bigrams(n.Substring(i, 2))[0])) return false;
            return true;
        });
}
