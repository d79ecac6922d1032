using Kehu.Web.Modules.Customers;

namespace Kehu.Web.Modules.Expenses.Pages;

/// <summary>What <c>_Filters.cshtml</c> draws above a claim or advance list.</summary>
public sealed record ExpenseFilters(string BasePath, ExpenseQuery Query, string PersonLabel, IReadOnlyList<UserChoice> Users, bool OffersOpen);
