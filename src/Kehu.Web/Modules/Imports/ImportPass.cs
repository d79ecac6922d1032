using System.Text;
using System.Text.Json;

namespace Kehu.Web.Modules.Imports;

/// <summary>One pass over a stored file with its mapping: rows in file order, in batches, as the
/// preview, the rejected-rows file and the run all read them.</summary>
public sealed class ImportPass(string path, string format, string? encoding, string?[] mapping, int batchSize)
{
    public static ImportPass For(ImportJob job, ImportStorage storage) =>
        new(storage.PathOf(job.StoredName), job.Format, job.Encoding, ParseMapping(job.MappingJson), job.BatchSize);

    public static string?[] ParseMapping(string json) => JsonSerializer.Deserialize<string?[]>(json) ?? [];

    public static string MappingJson(IEnumerable<string?> mapping) => JsonSerializer.Serialize(mapping);

    public static Encoding? EncodingOf(string? name)
    {
        if (name is null) return null;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return name == "UTF-8" ? ImportFileReader.Utf8 : Encoding.GetEncoding(name);
    }

    /// <summary>The file's raw rows (for the rejected-rows file, which copies them).</summary>
    public IEnumerable<RawRow> RawRows() => ImportFileReader.Read(path, format, EncodingOf(encoding));

    public ImportRow Map(RawRow raw)
    {
        var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < mapping.Length && i < raw.Cells.Length; i++)
        {
            if (mapping[i] is { } key) cells[key] = raw.Cells[i];
        }
        return new ImportRow(raw.Number, cells);
    }

    /// <summary>The mapped rows in batches of the job's size; each batch's index counts from 0.</summary>
    public IEnumerable<(int Index, List<(RawRow Raw, ImportRow Row)> Rows)> Batches()
    {
        var batch = new List<(RawRow, ImportRow)>(batchSize);
        var index = 0;
        foreach (var raw in RawRows())
        {
            batch.Add((raw, Map(raw)));
            if (batch.Count == batchSize)
            {
                yield return (index++, batch);
                batch = new List<(RawRow, ImportRow)>(batchSize);
            }
        }
        if (batch.Count > 0) yield return (index, batch);
    }
}
