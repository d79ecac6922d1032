using Kehu.Web.Modules.Inventory;

namespace Kehu.UnitTests.Modules.Inventory;

public sealed class ValuationTests
{
    [Fact]
    public void GoodsIn_AtADifferentCost_MoveTheAverageToTheWeightedMean()
    {
        // 10 at 5.00 on hand, 30 more at 9.00: (50 + 270) / 40 = 8.00.
        Valuation.Apply(onHand: 10, average: 5m, quantity: 30, unitCost: 9m).ShouldBe((9m, 8m));
    }

    [Fact]
    public void GoodsOut_AreValuedAtTheAverage_WhichStays() =>
        Valuation.Apply(onHand: 10, average: 7.1234m, quantity: -4, unitCost: 99m).ShouldBe((7.1234m, 7.1234m));

    [Fact]
    public void GoodsIn_WithNothingOnHand_SetTheAverageToTheirCost() =>
        Valuation.Apply(onHand: 0, average: 3m, quantity: 5, unitCost: 12.5m).ShouldBe((12.5m, 12.5m));

    [Fact]
    public void GoodsIn_AfterNegativeStock_SetTheAverageToTheirCost() =>
        Valuation.Apply(onHand: -2, average: 3m, quantity: 5, unitCost: 4m).ShouldBe((4m, 4m));

    [Fact]
    public void GoodsIn_WithoutACost_ComeInAtTheAverage() =>
        Valuation.Apply(onHand: 3, average: 2.5m, quantity: 2, unitCost: null).ShouldBe((2.5m, 2.5m));

    [Fact]
    public void TheAverage_IsRoundedToFourPlaces()
    {
        // (1 × 1 + 2 × 2) / 3 = 1.6666…
        Valuation.Apply(onHand: 1, average: 1m, quantity: 2, unitCost: 2m).AverageAfter.ShouldBe(1.6667m);
    }
}
