namespace Kehu.Web.Modules.Customers.Api;

public sealed record CompanyDto(
    long Id, string Code, string Name, string[] Roles,
    long? LevelId, string? Level, long? SourceId, string? Source, long? IndustryId, string? Industry,
    long? RegionId, string? Region, long? StatusId, string? Status,
    string? Address, string? Phone, string? Fax, string? Website, string? Email,
    long OwnerId, string? Owner, DateTime? FirstContactAt, DateTime? LastContactAt, string? Notes,
    DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor, string? PreviousCursor, int? Total, bool TotalIsCapped);
