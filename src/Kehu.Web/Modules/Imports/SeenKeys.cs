using System.IO.Hashing;
using System.Text;

namespace Kehu.Web.Modules.Imports;

/// <summary>The keys a pass has met so far (codes, normalised names, …), each with the first row that
/// had it, so a later duplicate in the file is named. A file may hold a million rows: the keys are
/// kept as their 128-bit xxHash, a sixth of the memory of the strings, with a chance of two different
/// keys sharing one far below that of a disk error.</summary>
public sealed class SeenKeys
{
    private readonly Dictionary<UInt128, int> rows = [];

    /// <summary>Notes the key's row unless the key was met before.</summary>
    public void Remember(string key, int row) => rows.TryAdd(Hash(key), row);

    /// <summary>The first row that had the key, if any did.</summary>
    public bool TryGetFirst(string key, out int row) => rows.TryGetValue(Hash(key), out row);

    private static UInt128 Hash(string key) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(key));
}
