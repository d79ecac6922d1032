using System.Globalization;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Paging;

namespace Kehu.Web.Modules.Documents;

/// <summary>A document list's filters: <c>ownerType</c> (a resource name, or <c>library</c> for the
/// document library), <c>ownerId</c>, <c>categoryId</c>, <c>q</c> (in the file name or title).</summary>
public sealed class DocumentQuery
{
    public const string Library = "library";

    public string? OwnerType { get; set; }
    public long? OwnerId { get; set; }
    public long? CategoryId { get; set; }
    public string? Q { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>Documents the user may see, newest first.</summary>
public sealed class ListDocuments(DocumentAccess access)
{
    private static readonly KeysetOrder<Document> Newest = KeysetOrder.ById<Document>(d => d.Id);

    public async Task<Page<Document>> HandleAsync(long userId, DocumentQuery query, CancellationToken ct)
    {
        var documents = await access.VisibleAsync(userId, ct);
        if (query.OwnerType == DocumentQuery.Library) documents = documents.Where(d => d.OwnerType == null);
        else if (query.OwnerType is { Length: > 0 } kind) documents = documents.Where(d => d.OwnerType == kind);
        if (query.OwnerId is { } ownerId) documents = documents.Where(d => d.OwnerId == ownerId);
        if (query.CategoryId is { } category) documents = documents.Where(d => d.CategoryId == category);
        if (query.Q?.Trim().ToLowerInvariant() is { Length: > 0 } q)
            documents = documents.Where(d => d.FileName.ToLower().Contains(q) || (d.Title != null && d.Title.ToLower().Contains(q)));
        return await Keyset.PageAsync(documents, Newest, new PageRequest(query.Cursor, query.Limit, Descending: true), ct);
    }
}

/// <summary>A document as lists and the API show it.</summary>
public sealed record DocumentDto(long Id, string? OwnerType, long? OwnerId, string? OwnerTitle, string? OwnerUrl,
    long? CategoryId, string? Category, string? Title, string FileName, long Size, string ContentType, string Sha256,
    long UploadedById, string? UploadedBy, DateTime UploadedAt, string ContentUrl, bool MayDelete, int Version);

public sealed class DocumentDtos(DocumentAccess access, CustomerLookups lookups)
{
    public async Task<List<DocumentDto>> ForAsync(long userId, IReadOnlyList<Document> documents, CancellationToken ct)
    {
        var links = new Dictionary<(string, long), DocumentOwnerLink?>();
        var result = new List<DocumentDto>(documents.Count);
        foreach (var d in documents)
        {
            DocumentOwnerLink? link = null;
            if (d.OwnerType is { } kind && d.OwnerId is { } ownerId)
            {
                if (!links.TryGetValue((kind, ownerId), out link) && access.Owner(kind) is { } owner)
                    links[(kind, ownerId)] = link = await owner.LinkAsync(ownerId, ct);
            }
            result.Add(new DocumentDto(d.Id, d.OwnerType, d.OwnerId, link?.Title, link?.Url, d.CategoryId,
                await lookups.OptionNameAsync(OptionLists.DocumentCategory, d.CategoryId, ct), d.Title, d.FileName, d.Size, d.ContentType, d.Sha256,
                d.UploadedById, await lookups.UserNameAsync(d.UploadedById, ct), d.UploadedAt, $"/api/v1/documents/{d.Id}/content",
                await access.MayDeleteAsync(userId, d, ct), d.Version));
        }
        return result;
    }
}

/// <summary>A file size as people read it.</summary>
public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MB"),
    };
}
