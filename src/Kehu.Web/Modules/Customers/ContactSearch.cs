using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers;

/// <summary>
/// Contact search through <c>contact_search_grams</c> (docs/decisions, "contact search"): a name is
/// indexed by each character and each pair of characters of its normalised form, the mobile and
/// phone by each run of four digits. What was typed is either a number (digits, with spaces,
/// dashes, + and brackets allowed), matched against the digits of the mobile and phone, or text,
/// matched as a substring of the name. Either is read through its rarest gram; when the term is
/// longer than its gram the joined rows are confirmed by a substring test on the stored
/// normalised value, so the result is exactly the substring matches.
/// </summary>
public static class ContactSearch
{
    /// <summary>The length of a number gram, and so the fewest digits a number search takes.</summary>
    public const int DigitGram = 4;

    /// <summary>A term: its normalised text (the digits alone, for a number), the gram the index is
    /// read by and that gram's row count (exact up to <see cref="GramSearch.CountScanLimit"/>).</summary>
    public sealed record Term(string Text, bool IsNumber, string Gram, int GramRows)
    {
        /// <summary>The term is its own gram: every index row of the gram is a match.</summary>
        public bool GramIsMatch => IsNumber ? Text.Length == DigitGram : GramSearch.Length(Text) <= 2;
    }

    /// <summary>The digits of the mobile and the phone, each run kept apart by a space so that a
    /// number never matches across the two.</summary>
    public static string Digits(string? mobile, string? phone) =>
        string.Join(' ', new[] { mobile, phone }.Select(DigitsOf).Where(d => d.Length > 0));

    /// <summary>Every index gram of a contact: its name's characters and pairs of characters, its
    /// numbers' runs of four digits. The two kinds never collide: a name gram has at most two
    /// characters.</summary>
    public static HashSet<string> Grams(string normalizedName, string digits)
    {
        var grams = new HashSet<string>(GramSearch.Grams(normalizedName, 1), StringComparer.Ordinal);
        grams.UnionWith(GramSearch.Grams(normalizedName, 2));
        foreach (var run in digits.Split(' ', StringSplitOptions.RemoveEmptyEntries)) grams.UnionWith(GramSearch.Grams(run, DigitGram));
        return grams;
    }

    /// <summary>Reads what was typed: nothing to search for (null), a term, or a number too short to
    /// search by (an error on <c>q</c>).</summary>
    public static async Task<Result<Term?>> ParseAsync(KehuDbContext db, string? q, IStringLocalizer l, CancellationToken ct)
    {
        var text = NameNormalizer.Normalize(q);
        if (text.Length == 0) return (Term?)null;
        var isNumber = text.Any(char.IsAsciiDigit) && text.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+' or '(' or ')');
        IReadOnlyList<string> grams;
        if (isNumber)
        {
            text = DigitsOf(text);
            if (text.Length < DigitGram)
                return new Validation().Add("q", l["按号码搜索时请至少输入 {0} 位数字", DigitGram]).ToError(l["请检查输入"]);
            grams = GramSearch.Grams(text, DigitGram);
        }
        else
        {
            grams = GramSearch.Length(text) == 1 ? [text] : GramSearch.Grams(text, 2);
        }
        var (gram, rows) = await GramSearch.RarestAsync(grams, g => db.ContactSearchGrams.Where(r => r.Gram == g), ct);
        return new Term(text, isNumber, gram, rows);
    }

    /// <summary>The contacts matching the term, for counting and for sorts other than by id.</summary>
    public static IQueryable<Contact> Search(KehuDbContext db, IQueryable<Contact> contacts, Term? term)
    {
        if (term is null) return contacts;
        var gram = term.Gram;
        return from g in db.ContactSearchGrams
               where g.Gram == gram
               join c in Confirmed(contacts, term) on g.ContactId equals c.Id
               select c;
    }

    /// <summary>One page of matches in id order, read through the gram index in that same order so
    /// the database stops after a page's worth of matches instead of sorting them all.</summary>
    public static IQueryable<Contact> SearchPageById(KehuDbContext db, IQueryable<Contact> contacts, Term term, bool descending, long? afterId)
    {
        var gram = term.Gram;
        return GramSearch.PageById(db.ContactSearchGrams.Where(g => g.Gram == gram).Select(g => g.ContactId), Confirmed(contacts, term), c => c.Id, descending, afterId);
    }

    /// <summary>The first page's total of a search; see <see cref="GramSearch.CountAsync"/>.</summary>
    public static Task<(int? Total, bool Capped)> CountAsync(KehuDbContext db, IQueryable<Contact> contacts, Term term, bool unrestricted, Cursor? cursor, CancellationToken ct)
    {
        return GramSearch.CountAsync(cursor, term.GramRows, term.GramIsMatch && unrestricted, Search(db, contacts, term), ct);
    }

    /// <summary>The substring test on the normalised value, needed only when the term is longer than its gram.</summary>
    private static IQueryable<Contact> Confirmed(IQueryable<Contact> contacts, Term term)
    {
        if (term.GramIsMatch) return contacts;
        var text = term.Text;
        return term.IsNumber ? contacts.Where(c => c.PhoneDigits.Contains(text)) : contacts.Where(c => c.NormalizedName.Contains(text));
    }

    private static string DigitsOf(string? text) =>
        string.IsNullOrEmpty(text) ? "" : string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Where(char.IsAsciiDigit));
}

/// <summary>Writes the search index of contacts saved before it existed (the ContactSearch
/// migration adds <c>normalized_name</c> as '' to every existing contact), in batches of one
/// transaction each, so an interrupted run picks up where it stopped. It writes with set-based
/// UPDATE and multi-row INSERT statements (a big database has millions of contacts), leaving each
/// contact's version, update time and history as they were.</summary>
public sealed class ContactSearchBackfill : IDataBackfill
{
    public const int BatchSize = 5_000;
    private const int RowsPerStatement = 900;

    public string Name => "contact search index";

    public async Task<int> RunAsync(KehuDbContext db, IProgress<int> progress, CancellationToken ct)
    {
        var done = 0;
        var last = 0L;
        while (true)
        {
            var batch = await db.Contacts.AsNoTracking()
                .Where(c => c.NormalizedName == "" && c.Id > last)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Name, c.Mobile, c.Phone })
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0) return done;
            var ids = batch.Select(c => c.Id).ToList();
            var rows = batch.Select(c => (c.Id, Name: NameNormalizer.Normalize(c.Name), Digits: ContactSearch.Digits(c.Mobile, c.Phone))).ToList();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await db.ContactSearchGrams.Where(g => ids.Contains(g.ContactId)).ExecuteDeleteAsync(ct);
                // VALUES columns are column1, column2, … on both databases.
                foreach (var chunk in rows.Chunk(RowsPerStatement))
                {
                    await ExecuteAsync(db,
                        "UPDATE contacts SET normalized_name = v.column2, phone_digits = v.column3 FROM (VALUES {0}) AS v WHERE contacts.id = v.column1",
                        chunk.Select(r => new object[] { r.Id, r.Name, r.Digits }), ct);
                }
                var grams = rows.SelectMany(r => ContactSearch.Grams(r.Name, r.Digits).Select(g => new object[] { g, r.Id }));
                foreach (var chunk in grams.Chunk(RowsPerStatement))
                    await ExecuteAsync(db, "INSERT INTO contact_search_grams (gram, contact_id) VALUES {0}", chunk, ct);
                await tx.CommitAsync(ct);
            }
            done += batch.Count;
            last = batch[^1].Id;
            progress.Report(done);
        }
    }

    /// <summary>Runs <paramref name="sql"/> with its <c>{0}</c> replaced by one parameterised
    /// <c>(…)</c> tuple per row.</summary>
    private static Task<int> ExecuteAsync(KehuDbContext db, string sql, IEnumerable<object[]> rows, CancellationToken ct)
    {
        var values = new List<object>();
        var tuples = new List<string>();
        foreach (var row in rows)
        {
            tuples.Add("(" + string.Join(", ", row.Select((_, i) => "{" + (values.Count + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}")) + ")");
            values.AddRange(row);
        }
        return db.Database.ExecuteSqlRawAsync(sql.Replace("{0}", string.Join(", ", tuples), StringComparison.Ordinal), values, ct);
    }
}
