namespace Kehu.Web.Modules.Customers.Api;

public sealed record CompanyDto(
    long Id, string Code, string Name, string[] Roles,
    long? LevelId, string? Level, long? SourceId, string? Source, long? IndustryId, string? Industry,
    long? RegionId, string? Region, long? StatusId, string? Status,
    string? Address, string? Phone, string? Fax, string? Website, string? Email,
    long OwnerId, string? Owner, DateTime? FirstContactAt, DateTime? LastContactAt, string? Notes,
    DateTime CreatedAt, DateTime UpdatedAt, int Version, bool SharedWithMe);

/// <summary>One colleague a company is shared with (共享给).</summary>
public sealed record CompanyShareDto(long UserId, string UserName, bool UserIsActive, DateTime SharedAt, long? SharedById, string? SharedBy);

public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor, string? PreviousCursor, int? Total, bool TotalIsCapped);
