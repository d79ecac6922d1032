namespace Kehu.Web.Platform.Data;

/// <summary>
/// Base of every editable record: an id, an application-managed concurrency
/// <see cref="Version"/>, and who created and last changed it. The audit interceptor
/// fills the audit fields and bumps the version; entities never touch them.
/// </summary>
public abstract class AuditedEntity
{
    public long Id { get; protected set; }
    public int Version { get; internal set; }
    public DateTime CreatedAt { get; internal set; }
    public long? CreatedById { get; internal set; }
    public DateTime UpdatedAt { get; internal set; }
    public long? UpdatedById { get; internal set; }
}

/// <summary>Marks an entity whose field-level changes are written to the change history.</summary>
public interface IHasChangeHistory;

/// <summary>A row that exists only as part of another record (a user's role, a company's share):
/// adding or removing it is written to that record's change history as a change of
/// <see cref="HistoryField"/> from nothing to <see cref="HistoryValue"/> or back, so no handler
/// can forget it.</summary>
public interface IPartOfHistory
{
    /// <summary>The change log's entity name of the record this row belongs to.</summary>
    string HistoryEntityType { get; }
    long HistoryEntityId { get; }
    string HistoryField { get; }
    string HistoryValue { get; }
}
