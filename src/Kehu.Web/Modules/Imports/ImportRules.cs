using Kehu.Web.Platform.Results;

namespace Kehu.Web.Modules.Imports;

/// <summary>The problems of one row as a kind checks it: each names the field by its label.</summary>
public sealed class RowProblems(int row, IReadOnlyList<ImportField> fields, Microsoft.Extensions.Localization.IStringLocalizer l)
{
    public List<RowProblem> Items { get; } = [];

    public string Label(string key) => l[fields.First(f => f.Key == key).Label];

    public void Add(string key, string message) => Items.Add(new RowProblem(row, Label(key), message));

    /// <summary>A module's validation error: its API field names mapped back to import fields.</summary>
    public void Add(Error error, IReadOnlyDictionary<string, string> importKeyByApiField, string fallbackKey)
    {
        if (error.Fields is not { Count: > 0 } errors)
        {
            Add(fallbackKey, error.Message);
            return;
        }
        foreach (var (field, messages) in errors)
        {
            var key = importKeyByApiField.GetValueOrDefault(field, fallbackKey);
            foreach (var message in messages) Add(key, message);
        }
    }

    /// <summary>A number cell (thousands separators allowed): null when empty, and a problem naming
    /// the field when it is not a number.</summary>
    public decimal? Number(ImportRow cells, string key)
    {
        if (cells.Text(key) is not { } text) return null;
        if (ImportValues.TryDecimal(cells[key], out var value)) return value;
        Add(key, l["{0}“{1}”不是有效的数字", Label(key), text]);
        return null;
    }

    public RowOutcome Bad() => RowOutcome.Bad(row, Items);
}

/// <summary>Undo from a journal, record by record: the journalled records are loaded a chunk at a
/// time, one missing since is passed over, and the first that cannot be undone stops the undo.</summary>
public static class ImportJournal
{
    public static async Task<Error?> UndoEachAsync<T>(IEnumerable<ImportedRow> journal, Func<List<long>, Task<Dictionary<long, T>>> loadAsync,
        Func<T, ImportedRow, Task<Error?>> undoAsync)
    {
        foreach (var chunk in journal.Chunk(500))
        {
            var records = await loadAsync([.. chunk.Select(j => j.EntityId)]);
            foreach (var entry in chunk)
            {
                if (!records.TryGetValue(entry.EntityId, out var record)) continue;
                if (await undoAsync(record, entry) is { } error) return error;
            }
        }
        return null;
    }
}
