using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Paging = Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>The companies one user may see: the data-scope filter every company query starts from.
/// Nothing shared with the user: <c>owner_id = @me</c> (or <c>IN</c> the managed department), served
/// by the owner index. Something shared: the same, plus the companies in <c>company_shares</c> for
/// the user, read live so an unshare takes effect at once (ADR 0007).</summary>
public static class CompanyScope
{
    public static async Task<IQueryable<Company>> VisibleAsync(KehuDbContext db, DataScopeProvider scopes, long userId, CancellationToken ct) =>
        Visible(db, await scopes.ForAsync(userId, ct));

    /// <summary>How many visible companies <see cref="FewVisibleIdsAsync"/> reads ids for.</summary>
    public const int FewCompanies = 2_000;

    /// <summary>The ids of the companies the user may see, when they are few; null when they see
    /// everything or more than <see cref="FewCompanies"/>. Lists of rows that belong to companies
    /// (contacts, contact records) use them to read through their <c>(company_id, …)</c> index:
    /// walking the list's own order and testing each row would read the whole table before finding a
    /// page for a user who sees few companies, or none.</summary>
    public static async Task<List<long>?> FewVisibleIdsAsync(KehuDbContext db, DataScope scope, CancellationToken ct)
    {
        if (scope.SeesAll) return null;
        var ids = await Visible(db, scope).Select(c => c.Id).Take(FewCompanies + 1).ToListAsync(ct);
        return ids.Count <= FewCompanies ? ids : null;
    }

    /// <summary>One test per row (<c>owner_id = @me OR id IN (shared)</c>): the shape for finding
    /// companies by id, joining them and <c>EXISTS</c>, where the database reads rows by key.</summary>
    public static IQueryable<Company> Visible(KehuDbContext db, DataScope scope)
    {
        var companies = db.Companies.AsNoTracking();
        if (!scope.HasShares) return scope.Owned(companies, c => c.OwnerId);
        var shared = SharedWith(db, scope.UserId);
        return scope.OwnedOr(companies, c => c.OwnerId, c => shared.Contains(c.Id));
    }

    /// <summary>The visible company with this id, or null. The two common scopes (sees everything;
    /// owns companies alone, nothing shared) run as compiled queries with <see cref="Visible"/>'s
    /// SQL, without translating the LINQ on every request (the company detail is the API's most
    /// frequent read); any other scope goes through <see cref="Visible"/>.</summary>
    public static async Task<Company?> FindVisibleAsync(KehuDbContext db, DataScope scope, long id, CancellationToken ct)
    {
        if (scope.SeesAll) return await CompiledFinds.For(db).ById(db, id, ct);
        if (!scope.HasShares && scope.OwnerIds.Count == 1) return await CompiledFinds.For(db).ByIdOwnedBy(db, id, scope.OwnerIds[0], ct);
        return await Visible(db, scope).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>EF binds a compiled query to one model, so there is one pair per model (one per
    /// provider; the tests run both in one process).</summary>
    private sealed class CompiledFinds
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, CompiledFinds> PerModel = new();

        public static CompiledFinds For(KehuDbContext db) => PerModel.GetValue(db.Model, _ => new CompiledFinds());

        public readonly Func<KehuDbContext, long, CancellationToken, Task<Company?>> ById =
            EF.CompileAsyncQuery((KehuDbContext db, long id, CancellationToken ct) =>
                db.Companies.AsNoTracking().FirstOrDefault(c => c.Id == id));

        public readonly Func<KehuDbContext, long, long, CancellationToken, Task<Company?>> ByIdOwnedBy =
            EF.CompileAsyncQuery((KehuDbContext db, long id, long owner, CancellationToken ct) =>
                db.Companies.AsNoTracking().FirstOrDefault(c => c.Id == id && c.OwnerId == owner));
    }

    /// <summary>The same companies as <see cref="Visible"/>, as one part (nothing shared) or two
    /// disjoint parts (what the user owns, what is shared with them and owned by someone else), for
    /// walking the companies themselves in an index order: lists and drop-downs read each part a
    /// page at a time through its own index and <see cref="Merge"/> the pages. One <c>OR</c> would
    /// make the database collect and sort every company the user owns, or scan the whole table
    /// for a user who owns few (ADR 0007).</summary>
    public static IReadOnlyList<IQueryable<Company>> VisibleParts(KehuDbContext db, DataScope scope)
    {
        var companies = db.Companies.AsNoTracking();
        var owned = scope.Owned(companies, c => c.OwnerId);
        if (!scope.HasShares || scope.SeesAll) return [owned];
        var shared = SharedWith(db, scope.UserId);
        return [owned, scope.NotOwned(companies.Where(c => shared.Contains(c.Id)), c => c.OwnerId)];
    }

    /// <summary>The rows of several parts as one query. One part: <paramref name="rows"/> of it,
    /// exactly the query it always was. Several: each part's <paramref name="rows"/> cut to its
    /// <paramref name="firstRows"/> (its own order and limit, so each stops after a page), then
    /// <c>UNION ALL</c>; the caller orders and limits the result again. (PostgreSQL plans the
    /// parts of a <c>UNION ALL</c> with a <c>WHERE</c> as subqueries and would otherwise read all
    /// of them before sorting.)</summary>
    public static IQueryable<Company> Merge(IReadOnlyList<IQueryable<Company>> parts,
        Func<IQueryable<Company>, IQueryable<Company>> rows, Func<IQueryable<Company>, IQueryable<Company>> firstRows) =>
        parts.Count == 1 ? rows(parts[0]) : parts.Select(p => firstRows(rows(p))).Aggregate(Queryable.Concat);

    /// <summary>Only the companies shared with the user (the list's 共享给我的 filter).</summary>
    public static IQueryable<Company> SharedOnly(KehuDbContext db, DataScope scope)
    {
        var companies = db.Companies.AsNoTracking();
        if (!scope.HasShares) return companies.Where(_ => false);
        var shared = SharedWith(db, scope.UserId);
        return companies.Where(c => shared.Contains(c.Id));
    }

    public static IQueryable<long> SharedWith(KehuDbContext db, long userId) =>
        db.CompanyShares.Where(s => s.UserId == userId).Select(s => s.CompanyId);

    /// <summary>Which of <paramref name="companyIds"/> are shared with the user, so lists can mark them.</summary>
    public static async Task<HashSet<long>> SharedAmongAsync(KehuDbContext db, DataScope scope, IEnumerable<long> companyIds, CancellationToken ct)
    {
        if (!scope.HasShares) return [];
        var ids = companyIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var me = scope.UserId;
        return (await db.CompanyShares.Where(s => s.UserId == me && ids.Contains(s.CompanyId)).Select(s => s.CompanyId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>What the user may do with one company: everything as its owner, their manager or
    /// someone who sees all data; see and edit it when it is shared with them; nothing otherwise.</summary>
    public static async Task<CompanyAccess> AccessAsync(KehuDbContext db, DataScope scope, long companyId, CancellationToken ct)
    {
        var owner = await db.Companies.Where(c => c.Id == companyId).Select(c => (long?)c.OwnerId).FirstOrDefaultAsync(ct);
        if (owner is not { } ownerId) return CompanyAccess.None;
        if (scope.SeesAll || scope.OwnerIds.Contains(ownerId)) return CompanyAccess.Full;
        var me = scope.UserId;
        return scope.HasShares && await db.CompanyShares.AnyAsync(s => s.CompanyId == companyId && s.UserId == me, ct)
            ? CompanyAccess.Shared
            : CompanyAccess.None;
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
        var page = GramSearch.PageById(db.CompanyNameGrams.Where(g => g.Gram == gram).Select(g => g.CompanyId), companies, c => c.Id, descending, afterId);
        return text.Length > 2 ? page.Where(c => c.NormalizedName.Contains(text)) : page;
    }

    /// <summary>The newest <paramref name="take"/> matches of what was typed among
    /// <paramref name="parts"/> (see <see cref="VisibleParts"/>), for drop-downs and hints. A bigram
    /// search joins the index to <paramref name="visible"/>, the same companies as one query.</summary>
    public static async Task<IQueryable<Company>> NewestMatchesAsync(KehuDbContext db, IReadOnlyList<IQueryable<Company>> parts, IQueryable<Company> visible, string? q, int take, CancellationToken ct)
    {
        var term = await ParseAsync(db, q, ct);
        var newest = term is { Gram: not null }
            ? SearchPageById(db, visible, term, descending: true, afterId: null)
            : Merge(parts, p => Search(db, p, term), p => p.OrderByDescending(c => c.Id).Take(take)).OrderByDescending(c => c.Id);
        return newest.Take(take);
    }
}
