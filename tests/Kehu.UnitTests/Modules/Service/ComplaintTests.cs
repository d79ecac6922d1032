using Kehu.Web.Modules.Service;

namespace Kehu.UnitTests.Modules.Service;

public sealed class ComplaintTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);

    private static Complaint NewComplaint() =>
        new("TS-20261127-0001", 7, new ComplaintDetails(1, " 设备异响 ", null, null, null, null, " ", "详情", Now));

    [Fact]
    public void ANewComplaint_IsAnEditableDraft_WithTrimmedText()
    {
        var c = NewComplaint();
        (c.State, c.IsEditable, c.Subject, c.ContactName).ShouldBe((ComplaintState.Draft, true, "设备异响", (string?)null));
    }

    [Fact]
    public void TheFlowThroughService_EndsClosed_AndNothingIsEditableOnceSubmitted()
    {
        var c = NewComplaint();
        c.Submit();
        c.IsEditable.ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => c.Edit(new ComplaintDetails(1, "改", null, null, null, null, null, null, Now)));
        c.AssignService();
        c.BackToReview();
        c.AssignService();
        c.Close(Now);
        (c.State, c.ClosedAt).ShouldBe((ComplaintState.Closed, (DateTime?)Now));
    }

    [Fact]
    public void Returned_IsEditableAgain_AndCanBeResubmitted()
    {
        var c = NewComplaint();
        c.Submit();
        c.ReturnToSubmitter();
        c.IsEditable.ShouldBeTrue();
        c.Edit(new ComplaintDetails(2, "补充后", null, null, null, null, "王工", null, Now));
        c.Submit();
        c.State.ShouldBe(ComplaintState.Review);
    }

    [Fact]
    public void TransitionsOutOfTurn_AreBugs()
    {
        var c = NewComplaint();
        Should.Throw<InvalidOperationException>(() => c.Close(Now));
        Should.Throw<InvalidOperationException>(() => c.AssignService());
        Should.Throw<InvalidOperationException>(() => c.BackToReview());
        c.Submit();
        Should.Throw<InvalidOperationException>(() => c.Submit());
    }

    [Fact]
    public void ATicket_IsHandledOnce()
    {
        var c = NewComplaint();
        var t = new ServiceTicket("FW-1", c, 9, Now);
        t.Record(new ServiceResult(9, 80, " 处理 ", 1.5m, null), Now);
        (t.Status, t.Completion, t.WorkDone).ShouldBe((ServiceTicketState.Done, (int?)80, "处理"));
        Should.Throw<InvalidOperationException>(() => t.Record(new ServiceResult(9, 100, null, null, null), Now));
        Should.Throw<InvalidOperationException>(() => t.Withdraw(Now));
    }
}
