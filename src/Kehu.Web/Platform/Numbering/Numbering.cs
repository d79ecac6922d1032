using System.Globalization;
using System.Text.RegularExpressions;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Platform.Numbering;

/// <summary>
/// An administrator-editable pattern for one kind of number. Tokens: <c>{date:FORMAT}</c>
/// (the creation date in the company's time zone, and the period the counter restarts in)
/// and <c>{seq:N}</c> (the counter, zero-padded to N digits). Example: <c>PO-{date:yyyyMMdd}-{seq:4}</c>.
/// </summary>
public sealed class NumberingPattern
{
    public string DocumentType { get; private set; } = "";
    public string Pattern { get; private set; } = "";
    public int Version { get; private set; }

    private NumberingPattern() { }

    public NumberingPattern(string documentType, string pattern)
    {
        DocumentType = documentType;
        Pattern = pattern;
        Version = 1;
    }

    public void ChangePattern(string pattern)
    {
        Pattern = pattern;
        Version++;
    }
}

public sealed class NumberSequence
{
    public string DocumentType { get; private set; } = "";
    public string Period { get; private set; } = "";
    public long LastValue { get; private set; }
}

public static partial class NumberFormat
{
    [GeneratedRegex(@"\{(date|seq)(?::([^}]*))?\}")]
    private static partial Regex Token();

    /// <summary>Checks a pattern: it needs exactly one <c>{seq:N}</c> with 1 ≤ N ≤ 12,
    /// and date formats that format.</summary>
    public static bool IsValid(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 60) return false;
        var seqCount = 0;
        foreach (Match m in Token().Matches(pattern))
        {
            if (m.Groups[1].Value == "seq")
            {
                seqCount++;
                if (!int.TryParse(m.Groups[2].Value, out var width) || width is < 1 or > 12) return false;
            }
            else
            {
                var format = m.Groups[2].Value;
                if (format.Length == 0 || format.Any(c => !"yMd".Contains(c))) return false;
            }
        }
        var rest = Token().Replace(pattern, "");
        return seqCount == 1 && !rest.Contains('{') && !rest.Contains('}');
    }

    /// <summary>The counter's period: the concatenated date parts ("" when the pattern has none,
    /// so the counter never restarts).</summary>
    public static string Period(string pattern, DateOnly date) =>
        string.Concat(Token().Matches(pattern).Where(m => m.Groups[1].Value == "date")
            .Select(m => date.ToString(m.Groups[2].Value, CultureInfo.InvariantCulture)));

    public static string Format(string pattern, DateOnly date, long sequence) =>
        Token().Replace(pattern, m => m.Groups[1].Value == "date"
            ? date.ToString(m.Groups[2].Value, CultureInfo.InvariantCulture)
            : sequence.ToString(CultureInfo.InvariantCulture).PadLeft(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), '0'));
}

/// <summary>
/// Hands out numbers. Call it inside the transaction that saves the new record: the counter
/// row is updated in place, so concurrent callers queue on it and never get the same number,
/// and a rolled-back save gives its number back.
/// </summary>
public sealed class NumberingService(KehuDbContext db, TimeProvider clock, CompanyTimeZone zone)
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["company"] = "C{seq:6}",
        ["complaint"] = "TS-{date:yyyyMMdd}-{seq:4}",
        ["service-ticket"] = "FW-{date:yyyyMMdd}-{seq:4}",
        ["product"] = "P{seq:6}",
        ["opening-stock"] = "QC-{date:yyyyMMdd}-{seq:4}",
        ["stock-adjustment"] = "PD-{date:yyyyMMdd}-{seq:4}",
        ["purchase-order"] = "CG-{date:yyyyMMdd}-{seq:4}",
        ["payment"] = "FK-{date:yyyyMMdd}-{seq:4}",
        ["sales-order"] = "XS-{date:yyyyMMdd}-{seq:4}",
        ["receipt"] = "SK-{date:yyyyMMdd}-{seq:4}",
        ["contract"] = "HT-{date:yyyyMMdd}-{seq:4}",
        ["expense-claim"] = "BX-{date:yyyyMMdd}-{seq:4}",
        ["expense-advance"] = "JZ-{date:yyyyMMdd}-{seq:4}",
    };

    public async Task<string> NextAsync(string documentType, CancellationToken ct = default) =>
        (await NextManyAsync(documentType, 1, ct))[0];

    /// <summary><paramref name="count"/> consecutive numbers with one update (an import's batch).</summary>
    public async Task<IReadOnlyList<string>> NextManyAsync(string documentType, int count, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Numbers must be taken inside the transaction that saves the record.");
        if (count <= 0) return [];
        var pattern = await db.NumberingPatterns.Where(p => p.DocumentType == documentType)
            .Select(p => p.Pattern).FirstOrDefaultAsync(ct)
            ?? Defaults[documentType];
        var today = zone.Today(clock);
        var period = NumberFormat.Period(pattern, today);

        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO number_sequences (document_type, period, last_value) VALUES ({documentType}, {period}, 0) ON CONFLICT (document_type, period) DO NOTHING", ct);
        var last = (await db.Database.SqlQuery<long>(
            $"UPDATE number_sequences SET last_value = last_value + {count} WHERE document_type = {documentType} AND period = {period} RETURNING last_value AS \"Value\"")
            .ToListAsync(ct)).Single();
        return [.. Enumerable.Range(0, count).Select(i => NumberFormat.Format(pattern, today, last - count + 1 + i))];
    }
}

internal sealed class NumberingConfiguration : IEntityTypeConfiguration<NumberingPattern>, IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberingPattern> b)
    {
        b.HasKey(e => e.DocumentType);
        b.Property(e => e.DocumentType).HasMaxLength(40);
        b.Property(e => e.Pattern).HasMaxLength(60);
        b.Property(e => e.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<NumberSequence> b)
    {
        b.HasKey(e => new { e.DocumentType, e.Period });
        b.Property(e => e.DocumentType).HasMaxLength(40);
        b.Property(e => e.Period).HasMaxLength(20);
    }
}
