using Kehu.Web.Platform.Paging;

namespace Kehu.UnitTests.Platform.Paging;

public sealed class ListSortTests
{
    public enum Sort
    {
        Created,
        Name,
        NextContact,
    }

    [Theory]
    [InlineData("name", Sort.Name)]
    [InlineData("NAME", Sort.Name)]
    [InlineData(" nextContact ", Sort.NextContact)]
    [InlineData("nextcontact", Sort.NextContact)]
    public void Parse_ReadsAChoiceByItsNameInAnyCase(string text, Sort expected) =>
        ListSort.Parse(text, Sort.Created).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("name,nextContact")]
    public void Parse_OfAnythingElse_IsTheDefault(string? text) =>
        ListSort.Parse(text, Sort.Created).ShouldBe(Sort.Created);

    [Theory]
    [InlineData(null, true)]
    [InlineData("desc", true)]
    [InlineData("sideways", true)]
    [InlineData("asc", false)]
    [InlineData(" ASC", false)]
    public void Descending_UnlessAsc(string? dir, bool descending) =>
        ListSort.Descending(dir).ShouldBe(descending);
}
