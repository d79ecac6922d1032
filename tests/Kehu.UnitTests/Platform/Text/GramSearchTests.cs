using CsCheck;
using Kehu.Web.Platform.Text;

namespace Kehu.UnitTests.Platform.Text;

public sealed class GramSearchTests
{
    [Fact]
    public void Grams_AreTheDistinctPiecesInOrderOfAppearance()
    {
        GramSearch.Grams("机电机电", 2).ShouldBe(["机电", "电机"]);
        GramSearch.Grams("王小明", 1).ShouldBe(["王", "小", "明"]);
        GramSearch.Grams("13912345678", 4).Count.ShouldBe(8);
    }

    [Fact]
    public void Grams_OfATextShorterThanTheSize_AreNone()
    {
        GramSearch.Grams("王", 2).ShouldBeEmpty();
        GramSearch.Grams("", 1).ShouldBeEmpty();
    }

    [Fact]
    public void Grams_NeverCutACharacterOutsideTheBmpInHalf()
    {
        GramSearch.Grams("𠮷野家", 1).ShouldBe(["𠮷", "野", "家"]);
        GramSearch.Grams("𠮷野家", 2).ShouldBe(["𠮷野", "野家"]);
        GramSearch.Length("𠮷野").ShouldBe(2);
    }

    [Fact]
    public void EveryPieceOfATermThatATextContains_IsAGramOfTheText() =>
        Gen.Select(Gen.String[Gen.Char["王李张小明华机电0123456789"], 2, 12], Gen.Int[0, 10], Gen.Int[2, 4]).Sample((text, start, length) =>
        {
            if (start + length > text.Length) return true;
            var term = text.Substring(start, length);
            var grams = GramSearch.Grams(text, 2);
            return GramSearch.Grams(term, 2).All(grams.Contains);
        });
}
