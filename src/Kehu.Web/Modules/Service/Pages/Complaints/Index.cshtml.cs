using System.Globalization;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Service.Pages.Complaints;

public sealed class IndexModel(ListComplaints list, CustomerLookups lookups, WorkflowDirectory directory, ProductCatalog products, KehuDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ComplaintQuery Query { get; set; } = new();

    public Page<Complaint> Result { get; private set; } = new([], null, null, 0, false);
    public Dictionary<long, string> CompanyNames { get; private set; } = [];
    public IReadOnlyList<Candidate> ServiceStaff { get; private set; } = [];
    /// <summary>The product filtered on, so its picker shows it.</summary>
    public ProductRef? Product { get; private set; }
    public CustomerLookups Lookups => lookups;

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportService export, CancellationToken ct) =>
        await export.ComplaintsAsync(User.RequiredUserId(), format, Query, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await list.HandleAsync(User.RequiredUserId(), Query, ct);
        var ids = Result.Items.Select(r => r.CompanyId).Append(Query.CompanyId ?? 0).Distinct().ToList();
        CompanyNames = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        ServiceStaff = await directory.ActiveUsersAsync(RoleCodes.ServiceStaff, ct);
        if (Query.ProductId is { } productId) Product = await products.FindAsync(productId, ct);
    }

    public string With(string? cursor)
    {
        var values = new Dictionary<string, string?>
        {
            ["state"] = Query.State,
            ["companyId"] = Query.CompanyId?.ToString(CultureInfo.InvariantCulture),
            ["typeId"] = Query.TypeId?.ToString(CultureInfo.InvariantCulture),
            ["productId"] = Query.ProductId?.ToString(CultureInfo.InvariantCulture),
            ["assigneeId"] = Query.AssigneeId?.ToString(CultureInfo.InvariantCulture),
            ["from"] = Query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = Query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
        };
        return new QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
