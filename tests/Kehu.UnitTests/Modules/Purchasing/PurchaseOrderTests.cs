using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Workflow;

namespace Kehu.UnitTests.Modules.Purchasing;

public sealed class PurchaseOrderTests
{
    private static PurchaseOrder Order(params OrderLineDetails[] lines) =>
        new("CG-20261127-0001", 1, new PurchaseOrderDetails(new DateOnly(2026, 11, 27), 7, null, lines));

    private static PurchaseOrder Approved()
    {
        var order = Order(new OrderLineDetails(1, 10, 12.5m, 1), new OrderLineDetails(2, 3, 3.335m, 0.9m));
        order.Submit();
        order.Approve();
        return order;
    }

    [Fact]
    public void Total_IsTheSumOfTheRoundedLineAmounts()
    {
        var order = Order(new OrderLineDetails(1, 10, 12.5m, 1), new OrderLineDetails(2, 3, 3.335m, 0.9m));
        order.Lines.Select(l => l.Amount).ShouldBe([125m, 9.00m]);
        order.Total.ShouldBe(134m);
        order.Outstanding.ShouldBe(134m);
    }

    [Fact]
    public void Payments_CloseTheOrderOnlyWhenNothingIsOutstanding()
    {
        var order = Approved();
        order.RecordPayment(100m);
        order.State.ShouldBe(PurchaseOrderState.Approved);
        order.Outstanding.ShouldBe(34m);
        order.RecordPayment(34m);
        order.State.ShouldBe(PurchaseOrderState.Paid);
        order.Outstanding.ShouldBe(0m);
    }

    [Fact]
    public void Overpaying_OrPayingBeforeApproval_IsNotPossible()
    {
        Should.Throw<InvalidOperationException>(() => Approved().RecordPayment(134.01m));
        var draft = Order(new OrderLineDetails(1, 1, 1, 1));
        Should.Throw<InvalidOperationException>(() => draft.RecordPayment(1m));
    }

    [Fact]
    public void AnEmptyOrder_CannotBeSubmitted_AndASubmittedOneCannotBeEdited()
    {
        Should.Throw<InvalidOperationException>(() => Order().Submit());
        var order = Order(new OrderLineDetails(1, 1, 1, 1));
        order.Submit();
        Should.Throw<InvalidOperationException>(() => order.Edit(new PurchaseOrderDetails(new DateOnly(2026, 11, 27), 7, null, [new OrderLineDetails(1, 2, 1, 1)])));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    public void ALineWithADiscountOutside0To1_CannotExist(string discount) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Order(new OrderLineDetails(1, 1, 1, decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Workflow_ReviewIsTheManagers_AndPaymentEndsOrStaysWithFinance()
    {
        var w = PurchaseOrderWorkflow.Workflow;
        w.Problems().ShouldBeEmpty();
        w.Step(PurchaseOrderWorkflow.Review)!.Fields.ShouldBe(PurchaseOrderWorkflow.ReviewFields);
        w.Step(PurchaseOrderWorkflow.Review)!.Action(WorkflowAction.Approve)!.Destinations.ShouldBe([PurchaseOrderWorkflow.Payment]);
        w.Step(PurchaseOrderWorkflow.Payment)!.Action(WorkflowAction.Pay)!.Destinations.ShouldBe([WorkflowDefinition.End, PurchaseOrderWorkflow.Payment]);
        w.Start.Fields.ShouldNotContain("reviewerId");
    }
}
