using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Paging = Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>The companies one user may see: the data-scope filter every company query starts from.</summary>
public static class CompanyScope
{
    public static async Task<IQueryable<Company>> VisibleAsync(KehuDbContext db, DataScopeProvider scopes, long userId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        return scope.Owned(db.Companies.AsNoTracking(), c => c.OwnerId);
    }

    /// <summary>A search term: its normalised text, and the bigram the index is read by (the rarest
    /// of the term's bigrams), or none for a one-character term, or an exact company code.</summary>
    public sealed record Term(string Text, string? Gram, string? Code, int GramRows = 0);

    /// <summary>Reads what was typed. For terms of two or more characters it counts, up to a cap,
    /// the index rows of each of the term's bigrams (an index-only read) and keeps the rarest, so a
    /// term is read through its least common bigram. <see cref="Term.GramRows"/> is that count,
    /// exact up to <see cref="CountScanLimit"/>.</summary>
    public static async Task<Term?> ParseAsync(KehuDbContext db, string? q, CancellationToken ct)
    {
        var text = NameNormalizer.Normalize(q);
        if (text.Length == 0) return null;
        var code = q!.Trim().ToUpperInvariant();
        if (code.Length > 1 && code[0] == 'C' && code[1..].All(char.IsAsciiDigit)) return new Term(text, null, code);
        if (text.Length == 1) return new Term(text, null, null);
        var grams = NameNormalizer.Bigrams(text).Distinct().Take(8).ToList();
        // A frequent bigram costs a long index read to count, so a longer term first looks for a
        // bigram under a small cap and reads further only when every bigram is frequent.
        if (grams.Count > 1 && await RarestAsync(db, grams, FirstProbeCap, ct) is { Rows: <= FirstProbeCap } rare)
            return new Term(text, rare.Gram, null, rare.Rows);
        var rarest = await RarestAsync(db, grams, CountScanLimit + 1, ct);
        return new Term(text, rarest.Gram, null, rarest.Rows);
    }

    private const int FirstProbeCap = 1_000;

    private static async Task<(string Gram, int Rows)> RarestAsync(KehuDbContext db, List<string> grams, int cap, CancellationToken ct)
    {
        var rarest = grams[0];
        var fewest = int.MaxValue;
        foreach (var gram in grams)
        {
            // Counting stops at what can still matter: the rarest so far, and the cap.
            var rows = await db.CompanyNameGrams.Where(g => g.Gram == gram).Take(Math.Min(fewest, cap + 1)).CountAsync(ct);
            if (rows < fewest) (rarest, fewest) = (gram, rows);
            if (rows == 0) break;
        }
        return (rarest, fewest);
    }

    /// <summary>Index rows a search may read to count its matches; beyond this the list shows its
    /// pages without a total rather than read every row.</summary>
    public const int CountScanLimit = 20_000;

    /// <summary>The first page's total for a bigram search. A two-character term over all companies
    /// is counted from the index alone; otherwise matches are counted when the term's rarest bigram
    /// has at most <see cref="CountScanLimit"/> rows, and not at all beyond that.</summary>
    public static async Task<(int? Total, bool Capped)> CountAsync(KehuDbContext db, IQueryable<Company> companies, Term term, bool unrestricted, Paging.Cursor? cursor, CancellationToken ct)
    {
        if (cursor is not null) return (null, false);
        // A two-character term is its one bigram, which ParseAsync has counted (exactly, past the cap).
        if (term.Text.Length == 2 && unrestricted) return Capped(term.GramRows);
        if (term.GramRows > CountScanLimit) return (null, false);
        return Capped(await Search(db, companies, term).Take(Paging.PageCount.Cap + 1).CountAsync(ct));

        static (int?, bool) Capped(int count) => (Math.Min(count, Paging.PageCount.Cap), count > Paging.PageCount.Cap);
    }

    /// <summary>The companies matching the term, for counting and for sorts other than by code.</summary>
    public static IQueryable<Company> Search(KehuDbContext db, IQueryable<Company> companies, Term? term)
    {
        if (term is null) return companies;
        if (term.Code is { } code) return companies.Where(c => c.Code == code);
        var text = term.Text;
        if (term.Gram is null) return companies.Where(c => c.NormalizedName.Contains(text));
        var gram = term.Gram;
        var matches = from g in db.CompanyNameGrams
                      where g.Gram == gram
                      join c in companies on g.CompanyId equals c.Id
                      select c;
        // A two-character term is its own bigram: the index row is the match.
        return text.Length == 2 ? matches : matches.Where(c => c.NormalizedName.Contains(text));
    }

    /// <summary>One page of matches in id order, read through the bigram index in that same order
    /// so the database stops after a page's worth of matches instead of sorting them all.</summary>
    public static IQueryable<Company> SearchPageById(KehuDbContext db, IQueryable<Company> companies, Term term, bool descending, long? afterId)
    {
        var gram = term.Gram!;
        var text = term.Text;
        var grams = db.CompanyNameGrams.Where(g => g.Gram == gram);
        if (afterId is { } id) grams = descending ? grams.Where(g => g.CompanyId < id) : grams.Where(g => g.CompanyId > id);
        var matches = from g in grams
                      join c in companies on g.CompanyId equals c.Id
                      select new { g.CompanyId, Company = c };
        if (text.Length > 2) matches = matches.Where(m => m.Company.NormalizedName.Contains(text));
        return (descending ? matches.OrderByDescending(m => m.CompanyId) : matches.OrderBy(m => m.CompanyId)).Select(m => m.Company);
    }

    /// <summary>The newest matches of what was typed, for drop-downs and hints.</summary>
    public static async Task<IQueryable<Company>> NewestMatchesAsync(KehuDbContext db, IQueryable<Company> companies, string? q, CancellationToken ct)
    {
        var term = await ParseAsync(db, q, ct);
        return term is { Gram: not null }
            ? SearchPageById(db, companies, term, descending: true, afterId: null)
            : Search(db, companies, term).OrderByDescending(c => c.Id);
    }
}
