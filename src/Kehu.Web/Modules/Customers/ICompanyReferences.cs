namespace Kehu.Web.Modules.Customers;

/// <summary>Another module's records that refer to companies (complaints, orders…): a company they
/// refer to cannot be deleted.</summary>
public interface ICompanyReferences
{
    /// <summary>What they are called (a resource key).</summary>
    string Label { get; }

    Task<int> CountAsync(long companyId, CancellationToken ct);
}
