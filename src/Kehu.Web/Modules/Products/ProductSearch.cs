using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Products;

/// <summary>Search over products by what a person types: an exact 商品编码 or 条形码 when one
/// matches, otherwise a substring of the name read through the bigram index (ADR 0003), so it
/// stays an index read on a million products.</summary>
public static class ProductSearch
{
    /// <summary>What was typed: its normalised text and the rarest of its bigrams, or an exact
    /// product id when the text is a code or barcode.</summary>
    public sealed record Term(string Text, string? Gram, long? ExactId);

    private const int GramCountCap = 20_000;

    public static async Task<Term?> ParseAsync(KehuDbContext db, string? q, CancellationToken ct)
    {
        var text = NameNormalizer.Normalize(q);
        if (text.Length == 0) return null;
        var raw = q!.Trim().ToUpperInvariant();
        if (raw.Length is > 1 and <= 32 && raw.All(char.IsAsciiLetterOrDigit))
        {
            // Codes and barcodes are unique indexes: one cheap look-up before a name search.
            var exact = await db.Products.AsNoTracking().Where(p => p.Code == raw || p.Barcode == raw)
                .Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            if (exact is not null) return new Term(text, null, exact);
        }
        if (text.Length == 1) return new Term(text, null, null);
        string? rarest = null;
        var fewest = int.MaxValue;
        foreach (var gram in NameNormalizer.Bigrams(text).Take(8))
        {
            var rows = await db.ProductNameGrams.Where(g => g.Gram == gram).Take(Math.Min(fewest, GramCountCap + 1)).CountAsync(ct);
            if (rows < fewest) (rarest, fewest) = (gram, rows);
            if (rows == 0) break;
        }
        return new Term(text, rarest, null);
    }

    /// <summary>The products matching the term.</summary>
    public static IQueryable<Product> Search(KehuDbContext db, IQueryable<Product> products, Term? term)
    {
        if (term is null) return products;
        if (term.ExactId is { } id) return products.Where(p => p.Id == id);
        var text = term.Text;
        if (term.Gram is null) return products.Where(p => p.NormalizedName.Contains(text));
        var gram = term.Gram;
        var matches = from g in db.ProductNameGrams
                      where g.Gram == gram
                      join p in products on g.ProductId equals p.Id
                      select p;
        return text.Length == 2 ? matches : matches.Where(p => p.NormalizedName.Contains(text));
    }

    /// <summary>One page of name matches in id order, read through the bigram index in that order
    /// so the database stops after a page instead of sorting every match.</summary>
    public static IQueryable<Product> SearchPageById(KehuDbContext db, IQueryable<Product> products, Term term, bool descending, long? afterId)
    {
        var gram = term.Gram!;
        var text = term.Text;
        var page = GramSearch.PageById(db.ProductNameGrams.Where(g => g.Gram == gram).Select(g => g.ProductId), products, p => p.Id, descending, afterId);
        return text.Length > 2 ? page.Where(p => p.NormalizedName.Contains(text)) : page;
    }

    /// <summary>The newest matches, for drop-downs.</summary>
    public static async Task<IQueryable<Product>> NewestMatchesAsync(KehuDbContext db, IQueryable<Product> products, string? q, CancellationToken ct)
    {
        var term = await ParseAsync(db, q, ct);
        return term is { Gram: not null, ExactId: null }
            ? SearchPageById(db, products, term, descending: true, afterId: null)
            : Search(db, products, term).OrderByDescending(p => p.Id);
    }
}
