namespace Kehu.Web.Modules.Documents;

/// <summary>A kind of record documents can be attached to (companies, orders, contracts). The
/// owning module implements it and registers it (<c>AddScoped&lt;IDocumentOwner, …&gt;()</c>);
/// Documents knows none of their entities and asks the owner who may do what. The rule every
/// owner follows: whoever may see the record may see and download its attachments; who may attach
/// and delete is the owner's choice (see each implementation).</summary>
public interface IDocumentOwner
{
    /// <summary>The owner's API resource name ("companies", "sales-orders"): the
    /// <c>ownerType</c> of its documents and the <c>{resource}</c> of <c>POST /api/v1/{resource}/{id}/documents</c>.</summary>
    string Kind { get; }

    /// <summary>The change log's entity name of the owner, where adding and deleting attachments is
    /// recorded (field 附件).</summary>
    string HistoryEntityType { get; }

    /// <summary>The ids of the records of this kind the user may see, as a query (null when they may
    /// see none), so document lists filter in the database.</summary>
    Task<IQueryable<long>?> VisibleIdsAsync(long userId, CancellationToken ct);

    /// <summary>Whether the record exists and the user may see it.</summary>
    Task<bool> CanSeeAsync(long userId, long id, CancellationToken ct);

    /// <summary>Whether the user may attach files to the record (and delete its attachments).</summary>
    Task<bool> CanAttachAsync(long userId, long id, CancellationToken ct);

    /// <summary>The record's title and page, for document lists; null when it no longer exists.</summary>
    Task<DocumentOwnerLink?> LinkAsync(long id, CancellationToken ct);
}

public sealed record DocumentOwnerLink(string Title, string Url);
