using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow.Outbox;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Workflow;

/// <summary>An action as pages and the API send it.</summary>
public sealed record ActRequest(WorkflowAction Action, string? Opinion, long? AssigneeId, StepFields Fields);

/// <summary>Where the document is after an action, and the tasks the action created.</summary>
public sealed record ActResult(WorkflowInstance Instance, IReadOnlyList<WorkflowTask> NewTasks);

public sealed record Candidate(long Id, string DisplayName);

/// <summary>
/// Runs the declared workflows. Every action is one transaction that takes the task with a guarded
/// update (<c>… SET status = done WHERE id = @id AND status = pending</c>), applies the document's
/// changes through its hook, moves the instance (whose version is a concurrency token), writes the
/// history and the next tasks and their e-mails. Whoever loses a race gets "已由 X 处理" and changes
/// nothing.
/// </summary>
public sealed class WorkflowEngine(
    KehuDbContext db,
    IEnumerable<IWorkflowDocument> documents,
    WorkflowDirectory directory,
    MailOutbox outbox,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public IWorkflowDocument For(string documentType) =>
        documents.FirstOrDefault(d => d.Definition.DocumentType == documentType)
        ?? throw new InvalidOperationException($"No workflow is declared for {documentType}.");

    public Task<WorkflowInstance?> InstanceAsync(string documentType, long documentId, CancellationToken ct) =>
        db.Set<WorkflowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.DocumentType == documentType && i.DocumentId == documentId, ct);

    public Task<WorkflowTask?> TaskAsync(long taskId, CancellationToken ct) =>
        db.Set<WorkflowTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);

    /// <summary>The pending task on the document that the user may act on, if any.</summary>
    public async Task<WorkflowTask?> ActionableTaskAsync(string documentType, long documentId, long userId, CancellationToken ct)
    {
        var roles = await directory.RolesOfAsync(userId, ct);
        return await db.Set<WorkflowTask>().AsNoTracking()
            .Where(t => t.DocumentType == documentType && t.DocumentId == documentId && t.Status == WorkflowTaskStatus.Pending
                        && (t.AssigneeId == userId || (t.AssigneeId == null && roles.Contains(t.CandidateRole!))))
            .OrderBy(t => t.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The fields the user may change on the document now: everything the first step
    /// allows while it is a draft nobody submitted yet (<c>null</c>: the document decides who drafts),
    /// the current step's fields while the user holds its task, else none.</summary>
    public async Task<IReadOnlyList<string>?> EditableFieldsAsync(string documentType, long documentId, long userId, CancellationToken ct)
    {
        var instance = await InstanceAsync(documentType, documentId, ct);
        if (instance is null) return null;
        if (instance.State != WorkflowState.Active) return [];
        var task = await ActionableTaskAsync(documentType, documentId, userId, ct);
        if (task is null || task.Step != instance.Step) return [];
        return For(documentType).Definition.Step(instance.Step)?.Fields ?? [];
    }

    /// <summary>提交: the first submission creates the instance; after a return, the submitter's
    /// pending task at the first step is completed like any other.</summary>
    public async Task<Result<ActResult>> SubmitAsync(string documentType, long documentId, long userId, string? opinion, CancellationToken ct)
    {
        var document = For(documentType);
        var definition = document.Definition;
        var existing = await InstanceAsync(documentType, documentId, ct);
        if (existing is not null)
        {
            var task = await db.Set<WorkflowTask>().AsNoTracking()
                .Where(t => t.InstanceId == existing.Id && t.Step == definition.Start.Code && t.Status == WorkflowTaskStatus.Pending)
                .FirstOrDefaultAsync(ct);
            if (task is null || existing.Step != definition.Start.Code)
                return Error.Conflict(l["该单据已由 {0} 提交", await directory.NameAsync(existing.SubmitterId, ct)]);
            return await CompleteAsync(task.Id, userId, new ActRequest(WorkflowAction.Submit, opinion, null, StepFields.None), ct);
        }

        return await InTransactionAsync(async () =>
        {
            var now = Now();
            var instance = new WorkflowInstance(documentType, documentId, "", definition.Start.Code, userId, now);
            db.Add(instance);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (Transient.IsUniqueViolation(e))
            {
                return Error.Conflict(l["该单据已经提交"]);
            }
            return await MoveAsync(document, instance, task: null, userId, new ActRequest(WorkflowAction.Submit, opinion, null, StepFields.None), now, ct);
        }, ct);
    }

    /// <summary>Completes (or comments on) a task.</summary>
    public async Task<Result<ActResult>> CompleteAsync(long taskId, long userId, ActRequest request, CancellationToken ct)
    {
        var task = await db.Set<WorkflowTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return Error.NotFound(l["任务不存在"]);
        if (!await MayActAsync(task, userId, ct)) return Error.Forbidden(l["你不是该任务的办理人"]);
        if (task.Status != WorkflowTaskStatus.Pending) return await AlreadyHandledAsync(task.Id, ct);
        var document = For(task.DocumentType);

        return await InTransactionAsync(async () =>
        {
            var instance = await db.Set<WorkflowInstance>().FirstAsync(i => i.Id == task.InstanceId, ct);
            if (instance.State != WorkflowState.Active || instance.Step != task.Step) return await AlreadyHandledAsync(task.Id, ct);
            return await MoveAsync(document, instance, task, userId, request, Now(), ct);
        }, ct);
    }

    /// <summary>Who may receive the task of an assign (the next step's people) or a transfer (this step's).</summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(WorkflowTask task, WorkflowAction action, long userId, CancellationToken ct)
    {
        var definition = For(task.DocumentType).Definition;
        var step = definition.Step(task.Step);
        if (step is null) return [];
        Actor? actor = action switch
        {
            WorkflowAction.Assign => step.Action(WorkflowAction.Assign)?.Destinations.Select(definition.Step).FirstOrDefault()?.Actor,
            WorkflowAction.Transfer => step.Actor,
            _ => null,
        };
        var role = actor switch
        {
            Actor.Role r => r.Code,
            Actor.Chosen c => c.RoleCode,
            _ => null,
        };
        if (actor is null) return [];
        var people = await directory.ActiveUsersAsync(role, ct);
        return people.Where(p => action != WorkflowAction.Transfer || p.Id != userId).ToList();
    }

    private async Task<Result<ActResult>> MoveAsync(IWorkflowDocument document, WorkflowInstance instance, WorkflowTask? task, long userId, ActRequest request, DateTime now, CancellationToken ct)
    {
        var definition = document.Definition;
        var step = definition.Step(instance.Step) ?? throw new InvalidOperationException($"{definition.DocumentType} has no step {instance.Step}.");
        var action = step.Action(request.Action);
        if (action is null)
            return new Validation().Add("action", l["当前步骤（{0}）不能执行该操作", l[step.Label]]).ToError(l["请检查输入"]);

        var refused = step.RefusedFields(request.Fields.Names);
        if (refused.Count > 0)
        {
            return Error.Forbidden(l["当前步骤（{0}）不能修改字段：{1}", l[step.Label], string.Join(", ", refused)],
                refused.ToDictionary(f => f, f => new[] { l["当前步骤不能修改该字段"].Value }, StringComparer.Ordinal));
        }
        var opinion = string.IsNullOrWhiteSpace(request.Opinion) ? null : request.Opinion.Trim();
        var check = new Validation();
        if (action.OpinionRequired && opinion is null) check.Add("opinion", l["{0}不能为空", l["意见"]]);
        if (opinion is { Length: > 2000 }) check.Add("opinion", l["{0}不能超过 {1} 个字符", l["意见"], 2000]);
        if (!check.IsValid) return check.ToError(l["请检查输入"]);

        if (action.Kind == WorkflowAction.Comment)
        {
            if (request.Fields.Names.Count > 0)
                return new Validation().Add("fields", l["评论不能修改字段"]).ToError(l["请检查输入"]);
            if (opinion is null) return new Validation().Add("opinion", l["{0}不能为空", l["意见"]]).ToError(l["请检查输入"]);
            db.Add(new WorkflowHistoryEntry(instance, step.Code, WorkflowAction.Comment, userId, now, opinion, null, null, []));
            await db.SaveChangesAsync(ct);
            return new ActResult(instance, []);
        }

        // Take the task: exactly one action wins it.
        if (task is not null)
        {
            var taken = await db.Set<WorkflowTask>()
                .Where(t => t.Id == task.Id && t.Status == WorkflowTaskStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, WorkflowTaskStatus.Done)
                    .SetProperty(t => t.CompletedById, userId)
                    .SetProperty(t => t.CompletedAt, now)
                    .SetProperty(t => t.Action, action.Kind)
                    .SetProperty(t => t.Opinion, opinion), ct);
            if (taken == 0) return await AlreadyHandledAsync(task.Id, ct);
        }

        if (action.Kind == WorkflowAction.Transfer)
        {
            if (request.Fields.Names.Count > 0)
                return new Validation().Add("fields", l["转交不能修改字段"]).ToError(l["请检查输入"]);
            var to = await ChosenAsync(step.Actor, request.AssigneeId, userId, excludeSelf: true, ct);
            if (!to.IsSuccess) return to.Error!;
            var handed = await document.ApplyAsync(new WorkflowContext
            {
                Instance = instance, Step = step, Action = action, UserId = userId, Now = now,
                Fields = request.Fields, Opinion = opinion, AssigneeId = to.Value,
            }, ct);
            if (!handed.IsSuccess) return handed.Error!;
            var next = NewTask(instance, step, to.Value, null, now);
            db.Add(new WorkflowHistoryEntry(instance, step.Code, WorkflowAction.Transfer, userId, now, opinion, step.Code, to.Value, []));
            return await SaveAsync(instance, [next], ct);
        }

        var context = new WorkflowContext
        {
            Instance = instance, Step = step, Action = action, UserId = userId, Now = now,
            Fields = request.Fields, Opinion = opinion, AssigneeId = request.AssigneeId,
        };
        var outcome = await document.ApplyAsync(context, ct);
        if (!outcome.IsSuccess) return outcome.Error!;

        var changes = ChangesOf(outcome.Value.ChangedDocument);
        string? destination;
        long? assignee = null;
        var newTasks = new List<WorkflowTask>();
        switch (action.Kind)
        {
            case WorkflowAction.Reject:
                destination = WorkflowDefinition.End;
                instance.Finish(WorkflowState.Rejected, now);
                break;
            case WorkflowAction.Return:
            case WorkflowAction.Submit:
            case WorkflowAction.Approve:
            case WorkflowAction.Assign:
            case WorkflowAction.Pay:
            case WorkflowAction.Collect:
                destination = action.Kind == WorkflowAction.Return ? step.ReturnTo! : outcome.Value.To ?? action.Destinations[0];
                if (action.Kind != WorkflowAction.Return && !action.Destinations.Contains(destination))
                    throw new InvalidOperationException($"{definition.DocumentType}: {step.Code}.{action.Kind} may not go to {destination}.");
                if (destination == WorkflowDefinition.End)
                {
                    instance.Finish(WorkflowState.Completed, now);
                    break;
                }
                var target = definition.Step(destination)!;
                var people = await ResolveAsync(target, instance, action.Kind, request.AssigneeId, userId, ct);
                if (!people.IsSuccess) return people.Error!;
                assignee = people.Value.AssigneeId;
                newTasks.Add(NewTask(instance, target, people.Value.AssigneeId, people.Value.Role, now));
                if (action.Kind == WorkflowAction.Submit && task is not null) instance.Resubmitted(now);
                instance.MoveTo(destination, outcome.Value.Title);
                break;
            case WorkflowAction.Transfer:
            case WorkflowAction.Comment:
                throw new InvalidOperationException("Handled above.");
            default:
                throw new ArgumentOutOfRangeException(nameof(request), action.Kind, null);
        }
        if (instance.Title != outcome.Value.Title) instance.MoveTo(instance.Step, outcome.Value.Title);

        // Any other pending task of the document (none in a declared flow) no longer applies.
        await db.Set<WorkflowTask>()
            .Where(t => t.InstanceId == instance.Id && t.Status == WorkflowTaskStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Cancelled), ct);
        db.Add(new WorkflowHistoryEntry(instance, step.Code, action.Kind, userId, now, opinion, destination, assignee, changes));
        return await SaveAsync(instance, newTasks, ct);
    }

    private async Task<Result<ActResult>> SaveAsync(WorkflowInstance instance, List<WorkflowTask> newTasks, CancellationToken ct)
    {
        db.AddRange(newTasks);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该单据已被其他人处理，请刷新后重试"]);
        }
        await outbox.NewTasksAsync(instance, newTasks, ct);
        return new ActResult(instance, newTasks);
    }

    private static WorkflowTask NewTask(WorkflowInstance instance, StepDefinition step, long? assigneeId, string? role, DateTime now) =>
        new(instance, step.Code, assigneeId, role, now);

    private List<FieldChange> ChangesOf(object? document)
    {
        if (document is null) return [];
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(document);
        return entry.State == EntityState.Modified ? AuditInterceptor.FieldChanges(entry) : [];
    }

    private async Task<Result<(long? AssigneeId, string? Role)>> ResolveAsync(StepDefinition target, WorkflowInstance instance, WorkflowAction action, long? chosen, long userId, CancellationToken ct)
    {
        switch (target.Actor)
        {
            case Actor.Submitter:
                return (instance.SubmitterId, null);
            case Actor.Supervisor:
                var supervisor = await directory.SupervisorOfAsync(instance.SubmitterId, ct);
                if (supervisor is null) return new Validation().Add("assigneeId", l["提交人没有上级，请管理员设置部门经理或上级"]).ToError(l["请检查输入"]);
                return (supervisor.Value, null);
            case Actor.Role role:
                if ((await directory.ActiveUsersAsync(role.Code, ct)).Count == 0)
                    return new Validation().Add("assigneeId", l["没有可以办理“{0}”的用户", l[target.Label]]).ToError(l["请检查输入"]);
                return (null, role.Code);
            case Actor.Chosen chosenActor when action == WorkflowAction.Assign:
                var person = await ChosenAsync(chosenActor, chosen, userId, excludeSelf: false, ct);
                return person.IsSuccess ? (person.Value, null) : person.Error!;
            case Actor.Chosen:
                // Returned or routed back to a chosen step: the person who last acted there.
                var last = await db.Set<WorkflowTask>().AsNoTracking()
                    .Where(t => t.InstanceId == instance.Id && t.Step == target.Code && t.Status == WorkflowTaskStatus.Done && t.CompletedById != null)
                    .OrderByDescending(t => t.Id).Select(t => t.CompletedById).FirstOrDefaultAsync(ct);
                if (last is null) return new Validation().Add("assigneeId", l["请选择办理人"]).ToError(l["请检查输入"]);
                return (last, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target.Actor, null);
        }
    }

    /// <summary>A person chosen for assign or transfer: required, active, and holding the step's role.</summary>
    private async Task<Result<long>> ChosenAsync(Actor actor, long? chosen, long userId, bool excludeSelf, CancellationToken ct)
    {
        if (chosen is null) return new Validation().Add("assigneeId", l["请选择办理人"]).ToError(l["请检查输入"]);
        var role = actor switch
        {
            Actor.Role r => r.Code,
            Actor.Chosen c => c.RoleCode,
            _ => null,
        };
        var eligible = await directory.ActiveUsersAsync(role, ct);
        if (eligible.All(u => u.Id != chosen) || (excludeSelf && chosen == userId))
            return new Validation().Add("assigneeId", l["{0}的取值无效", l["办理人"]]).ToError(l["请检查输入"]);
        return chosen.Value;
    }

    private async Task<bool> MayActAsync(WorkflowTask task, long userId, CancellationToken ct) =>
        task.AssigneeId == userId
        || (task.AssigneeId is null && task.CandidateRole is { } role && (await directory.RolesOfAsync(userId, ct)).Contains(role));

    private async Task<Error> AlreadyHandledAsync(long taskId, CancellationToken ct)
    {
        var done = await db.Set<WorkflowTask>().AsNoTracking().Where(t => t.Id == taskId)
            .Select(t => new { t.Status, t.CompletedById }).FirstAsync(ct);
        return done is { Status: WorkflowTaskStatus.Done, CompletedById: { } by }
            ? Error.Conflict(l["该任务已由 {0} 处理", await directory.NameAsync(by, ct)])
            : Error.Conflict(l["该任务已不需要处理"]);
    }

    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Kept to the second: both databases store that exactly.
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    /// <summary>One transaction per action, through the shared unit of work: a concurrency failure
    /// (SQLite busy, a PostgreSQL serialization failure or deadlock, a stock posting's lost version
    /// race) retries the whole action from a clean change tracker.</summary>
    private Task<Result<ActResult>> InTransactionAsync(Func<Task<Result<ActResult>>> work, CancellationToken ct) =>
        db.InTransactionAsync(_ =>
        {
            db.ChangeTracker.Clear();
            return work();
        }, ct);
}

/// <summary>Recognises the database error that means "already there".</summary>
public static class Transient
{
    public static bool IsUniqueViolation(Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode == 2067: // UNIQUE
                case Npgsql.PostgresException p when p.SqlState == "23505":
                    return true;
            }
        }
        return false;
    }
}
