using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Imports;

public enum ImportState
{
    /// <summary>已上传: the file is read and previewed; nothing written yet.</summary>
    Previewed,
    /// <summary>排队: committed by the user, waiting for the background worker.</summary>
    Queued,
    /// <summary>导入中: batches are being written.</summary>
    Running,
    /// <summary>已完成.</summary>
    Completed,
    /// <summary>失败: rejected as a whole, or a batch could not be written.</summary>
    Failed,
    /// <summary>已撤销.</summary>
    Undone,
}

public enum ImportMode
{
    SkipBadRows,
    RejectFile,
}

/// <summary>Why a transition of an <see cref="ImportJob"/> was refused.</summary>
public enum ImportJobError
{
    None,
    NotPreviewed,
    NotRunning,
    NotCompleted,
}

/// <summary>One import of one file: what was uploaded, how its columns map to fields, the preview's
/// counts, and the run's progress batch by batch (the resume point after a crash).</summary>
public sealed class ImportJob
{
    public long Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string StoredName { get; private set; } = "";
    public string Format { get; private set; } = "";
    public string? Encoding { get; private set; }
    /// <summary>JSON array: the file's header cells.</summary>
    public string HeadersJson { get; private set; } = "[]";
    /// <summary>JSON array: per file column, the field it fills or null (不导入).</summary>
    public string MappingJson { get; private set; } = "[]";
    public ImportState State { get; private set; }
    public ImportMode? Mode { get; private set; }
    public int Rows { get; private set; }
    public int ToCreate { get; private set; }
    public int ToUpdate { get; private set; }
    public int ToSkip { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Skipped { get; private set; }
    public int BatchSize { get; private set; }
    public int BatchesCommitted { get; private set; }
    /// <summary>JSON: the first row problems of the latest preview (the API's and page's list).</summary>
    public string ProblemsJson { get; private set; } = "[]";
    public string? ErrorMessage { get; private set; }
    public long CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int Version { get; private set; }

    private ImportJob() { }

    public ImportJob(string kind, string fileName, string storedName, string format, string? encoding, string headersJson, int batchSize, long createdById, DateTime at)
    {
        HeadersJson = headersJson;
        Kind = kind;
        FileName = fileName.Length > 200 ? fileName[..200] : fileName;
        StoredName = storedName;
        Format = format;
        Encoding = encoding;
        BatchSize = batchSize;
        CreatedById = createdById;
        CreatedAt = at;
        State = ImportState.Previewed;
        Version = 1;
    }

    /// <summary>Rows of the file written in batches so far (the progress bar's numerator).</summary>
    public int RowsDone => Math.Min(Rows, BatchesCommitted * BatchSize);

    public int Percent => State == ImportState.Completed || Rows == 0 ? (State == ImportState.Completed ? 100 : 0) : RowsDone * 100 / Rows;

    /// <summary>The preview's result; allowed again while the import is not committed (a new mapping).</summary>
    public ImportJobError Previewed(string mappingJson, int rows, int toCreate, int toUpdate, int toSkip, string problemsJson)
    {
        if (State != ImportState.Previewed) return ImportJobError.NotPreviewed;
        MappingJson = mappingJson;
        Rows = rows;
        ToCreate = toCreate;
        ToUpdate = toUpdate;
        ToSkip = toSkip;
        ProblemsJson = problemsJson;
        Version++;
        return ImportJobError.None;
    }

    public ImportJobError Commit(ImportMode mode)
    {
        if (State != ImportState.Previewed) return ImportJobError.NotPreviewed;
        Mode = mode;
        State = ImportState.Queued;
        Version++;
        return ImportJobError.None;
    }

    /// <summary>The worker takes the job (or takes it up again after a restart). Taking a queued job
    /// moves its version, so two workers cannot both take it.</summary>
    public ImportJobError Start()
    {
        if (State is not (ImportState.Queued or ImportState.Running)) return ImportJobError.NotRunning;
        if (State == ImportState.Queued) Version++;
        State = ImportState.Running;
        return ImportJobError.None;
    }

    /// <summary>One batch written: saved in the same transaction as its rows and journal.</summary>
    public ImportJobError BatchCommitted(int created, int updated, int skipped)
    {
        if (State != ImportState.Running) return ImportJobError.NotRunning;
        Created += created;
        Updated += updated;
        Skipped += skipped;
        BatchesCommitted++;
        return ImportJobError.None;
    }

    public ImportJobError Complete(DateTime at)
    {
        if (State != ImportState.Running) return ImportJobError.NotRunning;
        State = ImportState.Completed;
        FinishedAt = at;
        Version++;
        return ImportJobError.None;
    }

    public ImportJobError Fail(string message, DateTime at)
    {
        if (State is not (ImportState.Running or ImportState.Queued)) return ImportJobError.NotRunning;
        State = ImportState.Failed;
        ErrorMessage = message.Length > 2000 ? message[..2000] : message;
        FinishedAt = at;
        Version++;
        return ImportJobError.None;
    }

    public ImportJobError Undo(DateTime at)
    {
        if (State != ImportState.Completed) return ImportJobError.NotCompleted;
        State = ImportState.Undone;
        FinishedAt = at;
        Version++;
        return ImportJobError.None;
    }
}

public enum ImportedAction
{
    Created,
    Updated,
}

/// <summary>The journal: one record an import created or changed, with what it was before a change
/// and its version right after, written in the batch's own transaction. Undo and resume read it.</summary>
public sealed class ImportedRow
{
    public long Id { get; private set; }
    public long JobId { get; private set; }
    public int RowNumber { get; private set; }
    public string EntityType { get; private set; } = "";
    public long EntityId { get; private set; }
    public ImportedAction Action { get; private set; }
    public string? PreviousJson { get; private set; }
    public int VersionAfter { get; private set; }

    private ImportedRow() { }

    public ImportedRow(long jobId, int rowNumber, string entityType, long entityId, ImportedAction action, string? previousJson, int versionAfter)
    {
        JobId = jobId;
        RowNumber = rowNumber;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        PreviousJson = previousJson;
        VersionAfter = versionAfter;
    }
}

internal sealed class ImportConfiguration : IEntityTypeConfiguration<ImportJob>, IEntityTypeConfiguration<ImportedRow>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("import_jobs");
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Kind).HasMaxLength(32);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.StoredName).HasMaxLength(32);
        b.Property(e => e.Format).HasMaxLength(8);
        b.Property(e => e.Encoding).HasMaxLength(16);
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Mode).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.ErrorMessage).HasMaxLength(2000);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CreatedById, e.Id });
        b.HasIndex(e => new { e.State, e.Id });
        b.HasIndex(e => new { e.Kind, e.State, e.Id });
    }

    public void Configure(EntityTypeBuilder<ImportedRow> b)
    {
        b.ToTable("imported_rows");
        b.Property(e => e.EntityType).HasMaxLength(32);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(8);
        b.HasOne<ImportJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.JobId, e.RowNumber });
    }
}
