using Kehu.Web.Platform.Export;

namespace Kehu.UnitTests.Platform.Export;

public sealed class ExportHeadersTests
{
    [Fact]
    public void Distinct_RepeatedHeaders_GetOneMoreTrailingSpaceEachTime_AndKeepTheirOrder()
    {
        ExportHeaders.Distinct(["金额", "客户", "金额", "金额", "客户"])
            .ShouldBe(["金额", "客户", "金额 ", "金额  ", "客户 "]);
    }

    [Fact]
    public void Distinct_HeaderThatAlreadyEndsInASpace_StillComesOutUnique()
    {
        var headers = ExportHeaders.Distinct(["金额 ", "金额", "金额"]);

        headers.Distinct().Count().ShouldBe(3);
        headers[0].ShouldBe("金额 ");
    }
}
