using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Platform.Audit;

public enum ChangeAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
}

/// <summary>One save of one record: who, when, and which fields changed from what to what.
/// Append-only: nothing in Kehu updates or deletes these rows.</summary>
public sealed class ChangeLogEntry : IAppendOnly
{
    public long Id { get; private set; }
    public string EntityType { get; private set; } = "";
    public long EntityId { get; private set; }
    public ChangeAction Action { get; private set; }
    public long? UserId { get; private set; }
    public DateTime At { get; private set; }
    public List<FieldChange> Changes { get; private set; } = [];

    private ChangeLogEntry() { }

    public ChangeLogEntry(string entityType, long entityId, ChangeAction action, long? userId, DateTime at, List<FieldChange> changes)
    {
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        UserId = userId;
        At = at;
        Changes = changes;
    }
}

public sealed record FieldChange(string Field, string? From, string? To);

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> b)
    {
        b.ToTable("change_log");
        b.HasIndex(e => new { e.EntityType, e.EntityId, e.Id });
        b.Property(e => e.EntityType).HasMaxLength(64);
        b.Property(e => e.Changes).HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
            v => System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<FieldChange>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<FieldChange>>(
                (a, b) => ReferenceEquals(a, b),
                v => v.Count,
                v => v));
    }
}
