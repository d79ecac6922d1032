using System.Text.Json;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Workflow;

namespace Kehu.UnitTests.Modules.Workflow;

public sealed class WorkflowDefinitionTests
{
    private static StepDefinition Draft(params StepAction[] actions) =>
        new("draft", "起草", new Actor.Submitter(), ["amount"], actions.Length > 0 ? actions : [new StepAction(WorkflowAction.Submit, "提交", ["approve"])]);

    private static StepDefinition Approval(Actor? actor = null, string? returnTo = "draft", params StepAction[] actions) =>
        new("approve", "审批", actor ?? new Actor.Supervisor(), ["opinionField"],
            actions.Length > 0 ? actions :
            [
                new StepAction(WorkflowAction.Approve, "同意", [WorkflowDefinition.End]),
                new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
                new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            ], returnTo);

    [Fact]
    public void TheComplaintWorkflow_IsAValidDeclaration()
    {
        ComplaintWorkflow.Workflow.Problems().ShouldBeEmpty();
        ComplaintWorkflow.Workflow.Start.Code.ShouldBe(ComplaintWorkflow.Register);
    }

    [Fact]
    public void AnApprovalChain_WithSupervisorAndRole_IsValid()
    {
        var finance = new StepDefinition("finance", "财务审批", new Actor.Role(RoleCodes.FinanceManager), [],
            [new StepAction(WorkflowAction.Approve, "同意", [WorkflowDefinition.End]), new StepAction(WorkflowAction.Return, "退回")], "approve");
        var approval = Approval(actions:
        [
            new StepAction(WorkflowAction.Approve, "同意", ["finance"]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
        ]);

        new WorkflowDefinition("expense", "费用报销单", [Draft(), approval, finance]).Problems().ShouldBeEmpty();
    }

    [Fact]
    public void TheFirstStep_MustBelongToTheSubmitter_AndOfferSubmit()
    {
        var notSubmitter = new StepDefinition("draft", "起草", new Actor.Role("x"), [], [new StepAction(WorkflowAction.Submit, "提交", ["approve"])]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [notSubmitter, Approval()]))
            .Message.ShouldContain("the first step belongs to the submitter");

        var noSubmit = Draft(new StepAction(WorkflowAction.Approve, "同意", ["approve"]));
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [noSubmit, Approval()]))
            .Message.ShouldContain("offers submit");
    }

    [Fact]
    public void MovingActions_NeedAKnownDestination_AndOthersTakeNone()
    {
        var noDestination = Approval(actions: [new StepAction(WorkflowAction.Approve, "同意")]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), noDestination]))
            .Message.ShouldContain("approve.Approve has no destination");

        var payNowhere = Approval(actions: [new StepAction(WorkflowAction.Pay, "付款")]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), payNowhere]))
            .Message.ShouldContain("approve.Pay has no destination");
        var collectNowhere = Approval(actions: [new StepAction(WorkflowAction.Collect, "收款")]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), collectNowhere]))
            .Message.ShouldContain("approve.Collect has no destination");

        var unknown = Approval(actions: [new StepAction(WorkflowAction.Approve, "同意", ["nowhere"])]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), unknown]))
            .Message.ShouldContain("unknown step nowhere");

        var rejectWithDestination = Approval(actions: [new StepAction(WorkflowAction.Reject, "不同意", ["draft"])]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), rejectWithDestination]))
            .Message.ShouldContain("takes no destination");
    }

    [Fact]
    public void Return_NeedsAStepToReturnTo()
    {
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), Approval(returnTo: null)]))
            .Message.ShouldContain("offers return without a step to return to");
    }

    [Fact]
    public void AChosenPerson_IsOnlyReachableByAssign_AndAssignOnlyLeadsToAChosenPerson()
    {
        var chosen = new StepDefinition("work", "处理", new Actor.Chosen(RoleCodes.ServiceStaff), [], [new StepAction(WorkflowAction.Approve, "完成", [WorkflowDefinition.End])]);
        var approvesIntoChosen = Approval(actions: [new StepAction(WorkflowAction.Approve, "同意", ["work"])]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), approvesIntoChosen, chosen]))
            .Message.ShouldContain("work has a chosen actor but no step assigns it");

        var assignsIntoRole = Approval(actions: [new StepAction(WorkflowAction.Assign, "指派", ["finance"])]);
        var finance = new StepDefinition("finance", "财务", new Actor.Role("finance-manager"), [], [new StepAction(WorkflowAction.Approve, "同意", [WorkflowDefinition.End])]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), assignsIntoRole, finance]))
            .Message.ShouldContain("Assign must lead to a step whose actor is chosen");
    }

    [Fact]
    public void SubmitIsOnlyForTheFirstStep_AndStepCodesAreUnique()
    {
        var resubmit = Approval(actions: [new StepAction(WorkflowAction.Submit, "提交", [WorkflowDefinition.End])]);
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), resubmit]))
            .Message.ShouldContain("offers submit but is not the first step");
        Should.Throw<InvalidOperationException>(() => new WorkflowDefinition("t", "t", [Draft(), Approval(), Approval()]))
            .Message.ShouldContain("step codes repeat");
    }

    [Fact]
    public void RefusedFields_AreThoseOutsideTheStepsEditableSet_InTheOrderSent()
    {
        var review = ComplaintWorkflow.Workflow.Step(ComplaintWorkflow.Review)!;

        review.RefusedFields(["resolution"]).ShouldBeEmpty();
        review.RefusedFields(["completion", "resolution", "subject"]).ShouldBe(["completion", "subject"]);
        ComplaintWorkflow.Workflow.Step(ComplaintWorkflow.Service)!.RefusedFields(["completion", "serviceStaffId"]).ShouldBeEmpty();
    }

    [Fact]
    public void StepsOfferOnlyTheirDeclaredActions()
    {
        var review = ComplaintWorkflow.Workflow.Step(ComplaintWorkflow.Review)!;
        review.Offers(WorkflowAction.Assign).ShouldBeTrue();
        review.Offers(WorkflowAction.Reject).ShouldBeFalse();
        review.Action(WorkflowAction.Return)!.OpinionRequired.ShouldBeTrue();
        ComplaintWorkflow.Workflow.Step(ComplaintWorkflow.Service)!.Action(WorkflowAction.Approve)!.Destinations
            .ShouldBe([WorkflowDefinition.End, ComplaintWorkflow.Review]);
    }

    [Theory]
    [InlineData("approve", WorkflowAction.Approve)]
    [InlineData("Reject", WorkflowAction.Reject)]
    [InlineData("RETURN", WorkflowAction.Return)]
    [InlineData("assign", WorkflowAction.Assign)]
    [InlineData("transfer", WorkflowAction.Transfer)]
    [InlineData("comment", WorkflowAction.Comment)]
    [InlineData("submit", WorkflowAction.Submit)]
    [InlineData("pay", WorkflowAction.Pay)]
    [InlineData("Collect", WorkflowAction.Collect)]
    public void ActionNames_ParseCaseInsensitively_AndRoundTrip(string text, WorkflowAction expected)
    {
        WorkflowActions.Parse(text).ShouldBe(expected);
        WorkflowActions.Parse(WorkflowActions.Name(expected)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("refund")]
    public void UnknownActionNames_AreNotActions(string? text) => WorkflowActions.Parse(text).ShouldBeNull();

    [Fact]
    public void StepFields_FromJson_KeepNumbersAsWrittenAndStringsAsValues()
    {
        using var doc = JsonDocument.Parse("""{"completion": 60, "workDone": " 换轴承 ", "serviceHours": 2.5, "feedback": null, "bad": "x"}""");
        var fields = StepFields.FromJson(doc.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)));

        fields.Names.ShouldBe(["completion", "workDone", "serviceHours", "feedback", "bad"], ignoreOrder: true);
        fields.Number("completion", out var ok).ShouldBe(60m);
        ok.ShouldBeTrue();
        fields.Number("serviceHours", out _).ShouldBe(2.5m);
        fields.Text("workDone").ShouldBe("换轴承");
        fields.Has("feedback").ShouldBeTrue();
        fields.Text("feedback").ShouldBeNull();
        fields.Number("bad", out var badOk).ShouldBeNull();
        badOk.ShouldBeFalse();
        fields.Id("missing", out var missingOk).ShouldBeNull();
        missingOk.ShouldBeTrue();
    }
}
