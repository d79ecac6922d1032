using Kehu.Web;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Modules.Workflow.Outbox;
using Kehu.Web.Platform.Caching;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace Kehu.UnitTests.Modules.Workflow;

/// <summary>The engine's rules on a real SQLite database, with a small expense-like workflow: the
/// submitter's 上级 approves or rejects, then anyone with the finance role pays.</summary>
public sealed class WorkflowEngineTests : IAsyncLifetime
{
    private const string Type = "test-claim";

    private static readonly WorkflowDefinition Claim = new(Type, "测试报销单",
    [
        new StepDefinition("draft", "起草", new Actor.Submitter(), ["amount"], [new StepAction(WorkflowAction.Submit, "提交", ["approve"])]),
        new StepDefinition("approve", "上级审批", new Actor.Supervisor(), [],
        [
            new StepAction(WorkflowAction.Approve, "同意", ["finance"]),
            new StepAction(WorkflowAction.Reject, "不同意", OpinionRequired: true),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
        ], ReturnTo: "draft"),
        new StepDefinition("finance", "财务付款", new Actor.Role(RoleCodes.FinanceManager), ["paidAmount"],
        [
            new StepAction(WorkflowAction.Approve, "付款", [WorkflowDefinition.End]),
        ]),
    ]);

    private TestDatabase database = null!;
    private long employee, boss, finance, loner;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        var role = new Role(RoleCodes.FinanceManager, "财务部经理", false);
        var dept = new Department("测试部");
        db.AddRange(role, dept);
        await db.SaveChangesAsync();
        var e = new User("emp", "员工甲", dept.Id);
        var b = new User("boss", "经理乙", dept.Id);
        var f = new User("fin", "财务丙", null);
        var x = new User("loner", "无上级丁", null);
        db.Users.AddRange(e, b, f, x);
        await db.SaveChangesAsync();
        f.SetRoles([role.Id]);
        dept.Edit(dept.Name, b.Id);
        await db.SaveChangesAsync();
        (employee, boss, finance, loner) = (e.Id, b.Id, f.Id, x.Id);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private static WorkflowEngine Engine(KehuDbContext db)
    {
        var l = new KeyLocalizer();
        var directory = new WorkflowDirectory(db, new ReferenceCache(new MemoryCache(new MemoryCacheOptions())));
        var outbox = new MailOutbox(db, Microsoft.Extensions.Options.Options.Create(new SmtpSettings()), TimeProvider.System, l);
        return new WorkflowEngine(db, [new ClaimDocument()], directory, outbox, TimeProvider.System, l);
    }

    private async Task<T> WithEngineAsync<T>(Func<WorkflowEngine, Task<T>> work)
    {
        await using var db = database.Context();
        return await work(Engine(db));
    }

    private Task<ActResult> SubmitAsync(long documentId, long by) =>
        WithEngineAsync(async e => (await e.SubmitAsync(Type, documentId, by, null, CancellationToken.None)).Value);

    private Task<Result<ActResult>> ActAsync(long taskId, long by, WorkflowAction action, string? opinion = null, params (string, string?)[] fields) =>
        WithEngineAsync(e => e.CompleteAsync(taskId, by, new ActRequest(action, opinion, null,
            new StepFields(fields.Select(f => new KeyValuePair<string, string?>(f.Item1, f.Item2)))), CancellationToken.None));

    private async Task<List<WorkflowTask>> PendingAsync(long documentId)
    {
        await using var db = database.Context();
        return await db.WorkflowTasks.AsNoTracking().Where(t => t.DocumentId == documentId && t.Status == WorkflowTaskStatus.Pending).ToListAsync();
    }

    private async Task<WorkflowInstance> InstanceAsync(long documentId)
    {
        await using var db = database.Context();
        return await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.DocumentId == documentId && i.DocumentType == Type);
    }

    [Fact]
    public async Task Submit_SendsTheTaskToTheSubmittersSupervisor_TheDepartmentManager()
    {
        var submitted = await SubmitAsync(1, employee);

        var task = submitted.NewTasks.ShouldHaveSingleItem();
        (task.Step, task.AssigneeId, task.CandidateRole).ShouldBe(("approve", (long?)boss, (string?)null));
        (await InstanceAsync(1)).SubmitterId.ShouldBe(employee);
    }

    [Fact]
    public async Task ASubmitterWithoutASupervisor_CannotSubmit_AndNothingIsSaved()
    {
        var result = await WithEngineAsync(e => e.SubmitAsync(Type, 2, loner, null, CancellationToken.None));

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        await using var db = database.Context();
        (await db.WorkflowInstances.AnyAsync(i => i.DocumentId == 2)).ShouldBeFalse();
        (await db.WorkflowHistory.AnyAsync(h => h.DocumentId == 2)).ShouldBeFalse();
    }

    [Fact]
    public async Task Reject_NeedsAnOpinion_AndEndsTheWorkflowAsRejected()
    {
        var task = (await SubmitAsync(3, employee)).NewTasks[0];

        var bare = await ActAsync(task.Id, boss, WorkflowAction.Reject);
        bare.Error!.Fields!.Keys.ShouldBe(["opinion"]);
        (await ActAsync(task.Id, boss, WorkflowAction.Reject, "超出预算")).IsSuccess.ShouldBeTrue();

        var instance = await InstanceAsync(3);
        (instance.State, instance.FinishedAt is not null).ShouldBe((WorkflowState.Rejected, true));
        (await PendingAsync(3)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Return_GivesTheDocumentBackToTheSubmitter_WhoAloneMayEditAndResubmitIt()
    {
        var task = (await SubmitAsync(4, employee)).NewTasks[0];
        (await WithEngineAsync(e => e.EditableFieldsAsync(Type, 4, employee, CancellationToken.None))).ShouldBeEmpty();

        (await ActAsync(task.Id, boss, WorkflowAction.Return, "请附发票")).IsSuccess.ShouldBeTrue();

        var back = (await PendingAsync(4)).ShouldHaveSingleItem();
        (back.Step, back.AssigneeId).ShouldBe(("draft", (long?)employee));
        (await WithEngineAsync(e => e.EditableFieldsAsync(Type, 4, employee, CancellationToken.None))).ShouldBe(["amount"]);
        (await WithEngineAsync(e => e.EditableFieldsAsync(Type, 4, boss, CancellationToken.None))).ShouldBeEmpty();

        var again = await SubmitAsync(4, employee);
        again.NewTasks.ShouldHaveSingleItem().AssigneeId.ShouldBe(boss);
        (await WithEngineAsync(e => e.EditableFieldsAsync(Type, 4, employee, CancellationToken.None))).ShouldBeEmpty();
    }

    [Fact]
    public async Task ARoleStep_IsOneSharedTask_ThatOnlyHoldersOfTheRoleMayTake_WithOnlyTheStepsFields()
    {
        var task = (await SubmitAsync(5, employee)).NewTasks[0];
        var pay = (await ActAsync(task.Id, boss, WorkflowAction.Approve)).Value.NewTasks.ShouldHaveSingleItem();
        (pay.AssigneeId, pay.CandidateRole).ShouldBe(((long?)null, (string?)RoleCodes.FinanceManager));

        (await ActAsync(pay.Id, boss, WorkflowAction.Approve, null, ("paidAmount", "100"))).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        var refused = await ActAsync(pay.Id, finance, WorkflowAction.Approve, null, ("paidAmount", "100"), ("amount", "999"));
        (refused.Error!.Kind, refused.Error.Fields!.Keys.Single()).ShouldBe((ErrorKind.Forbidden, "amount"));
        (await PendingAsync(5)).ShouldHaveSingleItem().Id.ShouldBe(pay.Id);

        (await ActAsync(pay.Id, finance, WorkflowAction.Approve, null, ("paidAmount", "100"))).IsSuccess.ShouldBeTrue();
        (await InstanceAsync(5)).State.ShouldBe(WorkflowState.Completed);
    }

    [Fact]
    public async Task ActingTwice_GivesOneTransition_AndTellsWhoHandledIt()
    {
        var task = (await SubmitAsync(6, employee)).NewTasks[0];
        (await ActAsync(task.Id, boss, WorkflowAction.Approve)).IsSuccess.ShouldBeTrue();

        var second = await ActAsync(task.Id, boss, WorkflowAction.Approve);

        (second.Error!.Kind, second.Error.Message).ShouldBe((ErrorKind.Conflict, "该任务已由 经理乙 处理"));
        await using var db = database.Context();
        (await db.WorkflowHistory.CountAsync(h => h.DocumentId == 6 && h.Action == WorkflowAction.Approve)).ShouldBe(1);
        (await PendingAsync(6)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AnActionTheStepDoesNotOffer_IsRefused()
    {
        var task = (await SubmitAsync(7, employee)).NewTasks[0];

        var assign = await ActAsync(task.Id, boss, WorkflowAction.Assign);

        assign.Error!.Fields!.Keys.ShouldBe(["action"]);
        (await PendingAsync(7)).ShouldHaveSingleItem().Id.ShouldBe(task.Id);
    }

    private sealed class ClaimDocument : IWorkflowDocument
    {
        public WorkflowDefinition Definition => Claim;

        public Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
        {
            if (context.Step.Code == "finance" && context.Fields.Text("paidAmount") is null)
                return Task.FromResult<Result<ActionOutcome>>(new Validation().Add("paidAmount", "付款金额不能为空").ToError("请检查输入"));
            return Task.FromResult<Result<ActionOutcome>>(new ActionOutcome(null, $"报销 {context.Instance.DocumentId}"));
        }

        public Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) => Task.FromResult(true);

        public string TaskUrl(WorkflowTask task) => $"/tasks/{task.Id}";

        public string DocumentUrl(long documentId) => $"/claims/{documentId}";

        public Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<DraftItem>>([]);

        public Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct) =>
            Task.FromResult<DocumentView?>(null);
    }

    /// <summary>Messages in their Chinese key form, formatted.</summary>
    private sealed class KeyLocalizer : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
