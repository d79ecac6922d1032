namespace Kehu.Web.Modules.Customers.Api;

/// <summary>A contact in the API. <see cref="Gender"/> is male, female or unspecified;
/// <see cref="Birthday"/> is yyyy-MM-dd.</summary>
public sealed record ContactDto(
    long Id, long CompanyId, string CompanyName, string Name, string Gender, string? Title, string? Department,
    string? Mobile, string? Phone, string? Email, string? Wechat, string? Birthday, bool IsPrimary, string? Notes,
    DateTime CreatedAt, DateTime UpdatedAt, int Version);
