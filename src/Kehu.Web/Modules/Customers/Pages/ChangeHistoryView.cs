using Kehu.Web.Platform.Audit;

namespace Kehu.Web.Modules.Customers.Pages;

/// <summary>What the shared change-history card shows: the logged changes, newest first, then the creation.</summary>
public sealed record ChangeHistoryView(string EntityType, IReadOnlyList<HistoryItem> Items, DateTime CreatedAt, long? CreatedById, CustomerLookups Lookups);
