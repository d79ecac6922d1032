using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Workflow;

/// <summary>A saved change of a document outside its workflow, as its page shows it.</summary>
public sealed record ChangeView(DateTime At, string? UserName, IReadOnlyList<TimelineChange> Changes);

/// <summary>Where a document stands for the user looking at it: its workflow instance, the task
/// they may act on (and where 办理 opens it), who it waits for, its timeline and saved changes.</summary>
public sealed record DocumentStatus(
    WorkflowInstance? Instance,
    WorkflowTask? MyTask,
    string? MyTaskUrl,
    string? PendingWith,
    List<TimelineItem> Timeline,
    List<ChangeView> Changes)
{
    /// <summary>Whether the user's task is the first step (their own form), not a review.</summary>
    public bool MyTaskIsStart(WorkflowDefinition definition) => MyTask?.Step == definition.Start.Code;
}

/// <summary>Builds <see cref="DocumentStatus"/> for a document's detail page.</summary>
public sealed class DocumentStatusQuery(
    WorkflowEngine engine,
    TaskQueries tasks,
    ChangeHistory history,
    WorkflowDirectory directory,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l)
{
    public async Task<DocumentStatus> ForAsync(string documentType, string entityType, long documentId, long userId, CancellationToken ct)
    {
        var document = engine.For(documentType);
        var instance = await engine.InstanceAsync(documentType, documentId, ct);
        var myTask = await engine.ActionableTaskAsync(documentType, documentId, userId, ct);
        var pending = await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.DocumentType == documentType && t.DocumentId == documentId && t.Status == WorkflowTaskStatus.Pending)
            .Select(t => new { t.AssigneeId, t.CandidateRole }).FirstOrDefaultAsync(ct);
        string? pendingWith = null;
        if (pending is not null)
        {
            pendingWith = pending.AssigneeId is { } a
                ? await directory.NameAsync(a, ct)
                : l[RoleCodes.BuiltIn.FirstOrDefault(r => r.Code == pending.CandidateRole).Name ?? pending.CandidateRole ?? ""];
        }
        var changes = new List<ChangeView>();
        foreach (var h in await history.ForAsync(entityType, documentId, ct))
        {
            var fields = new List<TimelineChange>();
            foreach (var c in h.Changes)
            {
                var (label, from, to) = await TaskQueries.DescribeAsync(document, c.Field, c.From, c.To, ct);
                fields.Add(new TimelineChange(c.Field, label, from, to));
            }
            changes.Add(new ChangeView(h.At, h.UserName, fields));
        }
        return new DocumentStatus(instance, myTask, myTask is null ? null : document.TaskUrl(myTask), pendingWith,
            await tasks.TimelineAsync(documentType, documentId, ct), changes);
    }
}
