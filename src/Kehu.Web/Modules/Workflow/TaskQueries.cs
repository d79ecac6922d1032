using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Workflow;

public sealed record TaskItem(
    long Id, string DocumentType, string DocumentLabel, long DocumentId, string Title, string Step, string StepLabel,
    long? AssigneeId, string? CandidateRole, DateTime CreatedAt, WorkflowTaskStatus Status,
    WorkflowAction? Action, string? Opinion, DateTime? CompletedAt, string Url);

public sealed record SubmittedItem(long InstanceId, string DocumentType, string DocumentLabel, long DocumentId, string Title,
    WorkflowState State, string Step, string StepLabel, DateTime SubmittedAt, DateTime? FinishedAt, string Url);

public sealed record TimelineItem(long Id, DateTime At, long UserId, string UserName, string Step, string StepLabel,
    WorkflowAction Action, string? Opinion, string? ToStep, string? ToStepLabel, long? AssigneeId, string? AssigneeName,
    IReadOnlyList<TimelineChange> Changes);

public sealed record TimelineChange(string Field, string Label, string From, string To);

/// <summary>The task lists (待办, 已办, 我发起的), the navigation's count and document timelines.</summary>
public sealed class TaskQueries(KehuDbContext db, IEnumerable<IWorkflowDocument> documents, WorkflowDirectory directory, PendingTasks pending)
{
    private IWorkflowDocument Doc(string type) => documents.First(d => d.Definition.DocumentType == type);

    public async Task<List<TaskItem>> PendingAsync(long userId, int limit, CancellationToken ct)
    {
        var rows = await (from t in await pending.QueryAsync(userId, ct)
                          join i in db.Set<WorkflowInstance>() on t.InstanceId equals i.Id
                          orderby t.Id
                          select new { Task = t, i.Title }).Take(limit).ToListAsync(ct);
        return rows.Select(r => Item(r.Task, r.Title)).ToList();
    }

    public async Task<TaskItem?> FindAsync(long taskId, CancellationToken ct)
    {
        var row = await (from t in db.Set<WorkflowTask>().AsNoTracking()
                         join i in db.Set<WorkflowInstance>() on t.InstanceId equals i.Id
                         where t.Id == taskId
                         select new { Task = t, i.Title }).FirstOrDefaultAsync(ct);
        return row is null ? null : Item(row.Task, row.Title);
    }

    /// <summary>已办: the tasks the user completed, newest first.</summary>
    public async Task<List<TaskItem>> DoneAsync(long userId, int limit, CancellationToken ct)
    {
        var rows = await (from t in db.Set<WorkflowTask>().AsNoTracking()
                          where t.CompletedById == userId
                          join i in db.Set<WorkflowInstance>() on t.InstanceId equals i.Id
                          orderby t.CompletedAt descending, t.Id descending
                          select new { Task = t, i.Title }).Take(limit).ToListAsync(ct);
        return rows.Select(r => Item(r.Task, r.Title)).ToList();
    }

    /// <summary>我发起的: the documents the user submitted, newest first, with where they are.</summary>
    public async Task<List<SubmittedItem>> SubmittedAsync(long userId, int limit, CancellationToken ct)
    {
        var rows = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubmitterId == userId)
            .OrderByDescending(i => i.SubmittedAt).ThenByDescending(i => i.Id).Take(limit).ToListAsync(ct);
        return rows.Select(i =>
        {
            var doc = Doc(i.DocumentType);
            return new SubmittedItem(i.Id, i.DocumentType, doc.Definition.Label, i.DocumentId, i.Title, i.State, i.Step,
                doc.Definition.Step(i.Step)?.Label ?? i.Step, i.SubmittedAt, i.FinishedAt, doc.DocumentUrl(i.DocumentId));
        }).ToList();
    }

    /// <summary>我的草稿 of every document type, most recently saved first.</summary>
    public async Task<List<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct)
    {
        var drafts = new List<DraftItem>();
        foreach (var doc in documents) drafts.AddRange(await doc.DraftsAsync(userId, limit, ct));
        return drafts.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.DocumentId).Take(limit).ToList();
    }

    /// <summary>The label (resource key) of a document type.</summary>
    public string DocumentLabel(string documentType) => Doc(documentType).Definition.Label;

    /// <summary>A document's timeline, oldest first. Labels are resource keys.</summary>
    public async Task<List<TimelineItem>> TimelineAsync(string documentType, long documentId, CancellationToken ct)
    {
        var doc = Doc(documentType);
        var rows = await db.Set<WorkflowHistoryEntry>().AsNoTracking()
            .Where(h => h.DocumentType == documentType && h.DocumentId == documentId)
            .OrderBy(h => h.Id).ToListAsync(ct);
        var items = new List<TimelineItem>(rows.Count);
        foreach (var h in rows)
        {
            var changes = new List<TimelineChange>();
            foreach (var c in h.Changes)
            {
                var (label, from, to) = await DescribeAsync(doc, c.Field, c.From, c.To, ct);
                changes.Add(new TimelineChange(c.Field, label, from, to));
            }
            var toLabel = h.ToStep is null ? null : h.ToStep == WorkflowDefinition.End ? "结束" : doc.Definition.Step(h.ToStep)?.Label ?? h.ToStep;
            items.Add(new TimelineItem(h.Id, h.At, h.UserId, await directory.NameAsync(h.UserId, ct), h.Step,
                doc.Definition.Step(h.Step)?.Label ?? h.Step, h.Action, h.Opinion, h.ToStep, toLabel,
                h.AssigneeId, h.AssigneeId is { } a ? await directory.NameAsync(a, ct) : null, changes));
        }
        return items;
    }

    internal static async Task<(string Label, string From, string To)> DescribeAsync(IWorkflowDocument doc, string field, string? from, string? to, CancellationToken ct)
    {
        if (doc is IDescribesFields fields)
            return (fields.FieldLabel(field), await fields.DisplayAsync(field, from, ct), await fields.DisplayAsync(field, to, ct));
        return (field, from ?? "—", to ?? "—");
    }

    private TaskItem Item(WorkflowTask t, string title)
    {
        var doc = Doc(t.DocumentType);
        return new TaskItem(t.Id, t.DocumentType, doc.Definition.Label, t.DocumentId, title, t.Step,
            doc.Definition.Step(t.Step)?.Label ?? t.Step, t.AssigneeId, t.CandidateRole, t.CreatedAt, t.Status,
            t.Action, t.Opinion, t.CompletedAt, doc.TaskUrl(t));
    }
}

/// <summary>A document that names its fields and values for the timeline (labels are resource keys).</summary>
public interface IDescribesFields
{
    string FieldLabel(string property);

    Task<string> DisplayAsync(string property, string? raw, CancellationToken ct);
}

/// <summary>The tasks waiting for a user: theirs, and those shared by a role they hold. Light enough
/// for the navigation's count on every page: two index lookups on (assignee, status) and (role, status).</summary>
public sealed class PendingTasks(KehuDbContext db, WorkflowDirectory directory)
{
    public const int CountCap = 99;

    public async Task<IQueryable<WorkflowTask>> QueryAsync(long userId, CancellationToken ct)
    {
        var roles = (await directory.RolesOfAsync(userId, ct)).ToList();
        var tasks = db.WorkflowTasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Pending);
        return roles.Count == 0
            ? tasks.Where(t => t.AssigneeId == userId)
            : tasks.Where(t => t.AssigneeId == userId || (t.AssigneeId == null && roles.Contains(t.CandidateRole!)));
    }

    /// <summary>How many, up to <see cref="CountCap"/> + 1 (shown as "99+").</summary>
    public async Task<int> CountAsync(long userId, CancellationToken ct) =>
        await (await QueryAsync(userId, ct)).Take(CountCap + 1).CountAsync(ct);
}
