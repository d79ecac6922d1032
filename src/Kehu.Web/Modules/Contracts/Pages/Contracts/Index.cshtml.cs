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

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        Result = await list.HandleAsync(userId, Query, ct);
        MayAuthor = await access.MayAuthorAsync(userId, ct);
        if (Query.CompanyId is { } c) CompanyName = await lookups.CompanyNameAsync(c, ct);
    }
}
