namespace Kehu.Web.Modules.Workflow.Pages;

/// <summary>The model of <c>_Changes.cshtml</c>: a document's saved changes and its creation.</summary>
public sealed record ChangesView(IReadOnlyList<ChangeView> Changes, DateTime CreatedAt, string? CreatedBy);
