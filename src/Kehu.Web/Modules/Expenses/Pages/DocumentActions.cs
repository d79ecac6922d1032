namespace Kehu.Web.Modules.Expenses.Pages;

/// <summary>What <c>_DocumentActions.cshtml</c> offers on a claim's or an advance's page.</summary>
public sealed record DocumentActions(string BasePath, long Id, string Number, int Version, string? TaskUrl, bool MayEdit, bool MaySubmit, bool MayDelete);
