using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Customers;

/// <summary>What another module shows on a company's page (its orders, receipts, payments, balance),
/// as far as the user may see it. The module reads its own records and checks its own rights;
/// Customers only lays the panels out, so it depends on none of their entities.</summary>
public interface ICompanyPanels
{
    /// <summary>Where its panels go among the others' (lower first).</summary>
    int Order { get; }

    /// <summary>The panels for <paramref name="company"/>; none when the user may see nothing of it.</summary>
    Task<IReadOnlyList<Panel>> ForAsync(long userId, Company company, CancellationToken ct);
}
