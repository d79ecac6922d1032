namespace Kehu.Web.Modules.Customers;

/// <summary>Records in other modules that name a company as their supplier. While any exist the
/// company can neither be deleted nor lose its supplier role.</summary>
public interface ISupplierUsage
{
    /// <summary>What names the company as supplier, in the user's language (e.g. "3 个商品"), or null.</summary>
    Task<string?> DescribeAsync(long companyId, CancellationToken ct);
}
