using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Workflow;

/// <summary>One document's run through its workflow: where it is, and who submitted it.
/// Created when the document is first submitted; one per document.</summary>
public sealed class WorkflowInstance : AuditedEntity
{
    public string DocumentType { get; private set; } = "";
    public long DocumentId { get; private set; }
    /// <summary>What task lists show: the document's number and subject.</summary>
    public string Title { get; private set; } = "";
    public string Step { get; private set; } = "";
    public WorkflowState State { get; private set; }
    public long SubmitterId { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    private WorkflowInstance() { }

    public WorkflowInstance(string documentType, long documentId, string title, string startStep, long submitterId, DateTime now)
    {
        DocumentType = documentType;
        DocumentId = documentId;
        Title = title;
        Step = startStep;
        State = WorkflowState.Active;
        SubmitterId = submitterId;
        SubmittedAt = now;
    }

    internal void MoveTo(string step, string title)
    {
        Step = step;
        Title = title;
    }

    internal void Finish(WorkflowState state, DateTime now)
    {
        State = state;
        FinishedAt = now;
    }

    internal void Resubmitted(DateTime now) => SubmittedAt = now;
}

public enum WorkflowTaskStatus
{
    Pending = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>A pending piece of work (待办) at one step of one document: for one person, or shared by
/// everyone holding <see cref="CandidateRole"/> until one of them acts. Status changes only through
/// the guarded update in <see cref="WorkflowEngine"/>, never through tracked saves.</summary>
public sealed class WorkflowTask
{
    public long Id { get; private set; }
    public long InstanceId { get; private set; }
    public string DocumentType { get; private set; } = "";
    public long DocumentId { get; private set; }
    public string Step { get; private set; } = "";
    public long? AssigneeId { get; private set; }
    public string? CandidateRole { get; private set; }
    public WorkflowTaskStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public long? CompletedById { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public WorkflowAction? Action { get; private set; }
    public string? Opinion { get; private set; }

    private WorkflowTask() { }

    public WorkflowTask(WorkflowInstance instance, string step, long? assigneeId, string? candidateRole, DateTime now)
    {
        if ((assigneeId is null) == (candidateRole is null))
            throw new ArgumentException("A task goes to one person or to one role.");
        InstanceId = instance.Id;
        DocumentType = instance.DocumentType;
        DocumentId = instance.DocumentId;
        Step = step;
        AssigneeId = assigneeId;
        CandidateRole = candidateRole;
        Status = WorkflowTaskStatus.Pending;
        CreatedAt = now;
    }
}

/// <summary>One entry of a document's timeline: who did what at which step, when, with what opinion,
/// and which fields changed. Append-only: <see cref="AppendOnlyInterceptor"/> refuses to save a change
/// or deletion, and no endpoint offers one.</summary>
public sealed class WorkflowHistoryEntry : IAppendOnly
{
    public long Id { get; private set; }
    public long InstanceId { get; private set; }
    public string DocumentType { get; private set; } = "";
    public long DocumentId { get; private set; }
    public string Step { get; private set; } = "";
    public WorkflowAction Action { get; private set; }
    public long UserId { get; private set; }
    public DateTime At { get; private set; }
    public string? Opinion { get; private set; }
    /// <summary>Where the document went (a step code or <see cref="WorkflowDefinition.End"/>), when it moved.</summary>
    public string? ToStep { get; private set; }
    /// <summary>Who the next task went to, for assign, transfer and moves to one person.</summary>
    public long? AssigneeId { get; private set; }
    public List<FieldChange> Changes { get; private set; } = [];

    private WorkflowHistoryEntry() { }

    public WorkflowHistoryEntry(WorkflowInstance instance, string step, WorkflowAction action, long userId, DateTime at,
        string? opinion, string? toStep, long? assigneeId, List<FieldChange> changes)
    {
        InstanceId = instance.Id;
        DocumentType = instance.DocumentType;
        DocumentId = instance.DocumentId;
        Step = step;
        Action = action;
        UserId = userId;
        At = at;
        Opinion = opinion;
        ToStep = toStep;
        AssigneeId = assigneeId;
        Changes = changes;
    }
}

internal sealed class WorkflowConfiguration :
    IEntityTypeConfiguration<WorkflowInstance>, IEntityTypeConfiguration<WorkflowTask>, IEntityTypeConfiguration<WorkflowHistoryEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> b)
    {
        b.ToTable("workflow_instances");
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.DocumentType).HasMaxLength(40);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Step).HasMaxLength(40);
        b.HasIndex(e => new { e.DocumentType, e.DocumentId }).IsUnique();
        b.HasIndex(e => new { e.SubmitterId, e.SubmittedAt });
        b.HasOne<User>().WithMany().HasForeignKey(e => e.SubmitterId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<WorkflowTask> b)
    {
        b.ToTable("workflow_tasks");
        b.Property(e => e.DocumentType).HasMaxLength(40);
        b.Property(e => e.Step).HasMaxLength(40);
        b.Property(e => e.CandidateRole).HasMaxLength(40);
        b.Property(e => e.Opinion).HasMaxLength(2000);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.CompletedById).OnDelete(DeleteBehavior.Restrict);
        // The navigation's count on every page and the workbench list read these two.
        b.HasIndex(e => new { e.AssigneeId, e.Status });
        b.HasIndex(e => new { e.CandidateRole, e.Status });
        b.HasIndex(e => new { e.CompletedById, e.CompletedAt });
        b.HasIndex(e => new { e.InstanceId, e.Status });
        b.HasIndex(e => new { e.DocumentType, e.DocumentId });
    }

    public void Configure(EntityTypeBuilder<WorkflowHistoryEntry> b)
    {
        b.ToTable("workflow_history");
        b.Property(e => e.DocumentType).HasMaxLength(40);
        b.Property(e => e.Step).HasMaxLength(40);
        b.Property(e => e.ToStep).HasMaxLength(40);
        b.Property(e => e.Opinion).HasMaxLength(2000);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.DocumentType, e.DocumentId, e.Id });
        b.Property(e => e.Changes).HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
            v => System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<FieldChange>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<FieldChange>>(
                (x, y) => ReferenceEquals(x, y),
                v => v.Count,
                v => v));
    }
}
