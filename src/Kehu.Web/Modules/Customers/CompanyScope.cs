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

    /// <summary>Reads what was typed. A term of two or more characters is read through its rarest
    /// bigram (<see cref="GramSearch.RarestAsync"/>); <see cref="Term.GramRows"/> is that bigram's
    /// row count, exact up to <see cref="GramSearch.CountScanLimit"/>.</summary>
    public static async Task<Term?> ParseAsync(KehuDbContext db, string? q, CancellationToken ct)
    {
        var text = NameNormalizer.Normalize(q);
        if (text.Length == 0) return null;
        var code = q!.Trim().ToUpperInvariant();
        if (code.Length > 1 && code[0] == 'C' && code[1..].All(char.IsAsciiDigit)) return new Term(text, null, code);
        if (text.Length == 1) return new Term(text, null, null);
        var (gram, rows) = await GramSearch.RarestAsync(NameNormalizer.Bigrams(text), g => db.CompanyNameGrams.Where(r => r.Gram == g), ct);
        return new Term(text, gram, null, rows);
    }

    /// <summary>The first page's total for a bigram search: a two-character term over all companies
    /// is counted by its bigram's rows (<see cref="GramSearch.CountAsync"/>).</summary>
    public static Task<(int? Total, bool Capped)> CountAsync(KehuDbContext db, IQueryable<Company> companies, Term term, bool unrestricted, Paging.Cursor? cursor, CancellationToken ct)
    {
        return GramSearch.CountAsync(cursor, term.GramRows, term.Text.Length == 2 && unrestricted, Search(db, companies, term), ct);
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
