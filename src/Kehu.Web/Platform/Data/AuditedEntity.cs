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
