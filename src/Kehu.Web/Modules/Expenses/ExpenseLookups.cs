using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Expenses;

/// <summary>Names behind an expense document's ids (people, departments, 费用类型, companies), for its
/// pages, the 办理 page, the history and the API. Loaded once per request.</summary>
public sealed class ExpenseLookups(KehuDbContext db, CustomerLookups customers, Trade.TradeLookups trade)
{
    private Dictionary<long, string>? departments;

    public Task<IReadOnlyList<UserChoice>> UsersAsync(CancellationToken ct = default) => customers.UsersAsync(ct);

    public Task<string?> UserNameAsync(long? id, CancellationToken ct = default) => customers.UserNameAsync(id, ct);

    public Task<IReadOnlyList<OptionChoice>> ExpenseTypesAsync(CancellationToken ct = default) => customers.OptionsAsync(OptionLists.ExpenseType, ct);

    public Task<string?> ExpenseTypeAsync(long id, CancellationToken ct = default) => customers.OptionNameAsync(OptionLists.ExpenseType, id, ct);

    public Task<string?> CompanyNameAsync(long? id, CancellationToken ct = default) => id is { } c ? trade.CompanyNameAsync(c, ct) : Task.FromResult<string?>(null);

    public async Task<string?> DepartmentNameAsync(long? id, CancellationToken ct = default)
    {
        if (id is null) return null;
        return (await DepartmentNamesAsync(ct)).GetValueOrDefault(id.Value);
    }

    /// <summary>Every department's name by id, read once per request.</summary>
    public async Task<IReadOnlyDictionary<long, string>> DepartmentNamesAsync(CancellationToken ct = default) =>
        departments ??= await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
}
