using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Contracts.Pages.Contracts;

public sealed class IndexModel(ListContracts list, ContractAccess access, TradeLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ContractQuery Query { get; set; } = new();

    public Page<Contract> Result { get; private set; } = new([], null, null, 0, false);
    public bool MayAuthor { get; private set; }
    public string? CompanyName { get; private set; }
    public TradeLookups Lookups => lookups;

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportContracts export, CancellationToken ct) =>
        await export.HandleAsync(User.RequiredUserId(), format, Query, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Result = await list.HandleAsync(userId, Query, ct);
        MayAuthor = await access.MayAuthorAsync(userId, ct);
        if (Query.CompanyId is { } c) CompanyName = await lookups.CompanyNameAsync(c, ct);
    }
}
