using Kehu.Web.Platform.Results;

namespace Kehu.Web.Modules.Imports;

/// <summary>A field a file column may fill: its key (the API's English name), its label (a resource
/// key, the Chinese label of SPEC §3), whether a row needs it, and other headers that name it in
/// the workbooks people keep (商品编号 for 商品编码, …).</summary>
public sealed record ImportField(string Key, string Label, bool Required = false, IReadOnlyList<string>? Aliases = null);

/// <summary>One row with its cells by field key (columns mapped to 不导入 are left out).</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, object?> Cells)
{
    public object? this[string key] => Cells.GetValueOrDefault(key);

    public string? Text(string key) => ImportValues.Text(this[key]);
}

/// <summary>One problem of one row, for the preview and the rejected-rows file.</summary>
public sealed record RowProblem(int Row, string Field, string Message);

public enum RowAction
{
    Create,
    Update,
    Skip,
}

/// <summary>What checking a row decided, and what the kind needs to write it.</summary>
public sealed record RowOutcome(int Row, RowAction Action, IReadOnlyList<RowProblem> Problems, object? Plan = null)
{
    public static RowOutcome Bad(int row, IReadOnlyList<RowProblem> problems) => new(row, RowAction.Skip, problems);
}

/// <summary>A kind of record that can be imported (companies, contacts, …): its fields, its rights,
/// and a session that checks and writes rows with the module's own rules.</summary>
public interface IImportKind
{
    /// <summary>The route name: <c>companies</c>, <c>contacts</c>, ….</summary>
    string Name { get; }

    /// <summary>What is imported (a resource key).</summary>
    string Title { get; }

    /// <summary>The list page the records are on.</summary>
    string ListUrl { get; }

    IReadOnlyList<ImportField> Fields { get; }

    /// <summary>The template's example row, by field key.</summary>
    IReadOnlyDictionary<string, object> Example { get; }

    /// <summary>Null when the user may create these records; otherwise why not.</summary>
    Task<Error?> RefusalAsync(long userId, CancellationToken ct);

    /// <summary>A session for one pass over one file, acting for <paramref name="userId"/>, on the
    /// caller's scope's database context.</summary>
    Task<IImportSession> StartAsync(IServiceProvider services, long userId, CancellationToken ct);
}

/// <summary>One pass over a file. Rows come in file order, in batches; the session remembers the
/// keys seen so far so a later duplicate in the file is refused.</summary>
public interface IImportSession
{
    /// <summary>Checks a batch against the rules and the database as it is now.</summary>
    Task<IReadOnlyList<RowOutcome>> CheckAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct);

    /// <summary>Notes the keys of rows already written in an earlier run (resuming), without checking.</summary>
    void Remember(ImportRow row);

    /// <summary>Writes the good rows of a batch in the caller's transaction and returns their
    /// journal entries (without the job id).</summary>
    Task<IReadOnlyList<ImportedRow>> WriteAsync(long jobId, IReadOnlyList<RowOutcome> rows, CancellationToken ct);

    /// <summary>Undoes an import from its journal in the caller's transaction, or says which record
    /// stops it (nothing changed then).</summary>
    Task<Error?> UndoAsync(IReadOnlyList<ImportedRow> journal, CancellationToken ct);
}
