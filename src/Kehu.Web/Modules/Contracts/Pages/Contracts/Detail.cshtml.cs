using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Contracts.Pages.Contracts;

public sealed class DetailModel(
    SaveContract save,
    ContractAccess access,
    DocumentStatusQuery status,
    TradeLookups lookups,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Contract Contract { get; private set; } = null!;
    public DocumentStatus Status { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public bool MaySubmit { get; private set; }
    public bool MayDelete { get; private set; }
    public TradeLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var contract = await (await access.VisibleAsync(userId, ct)).Include(c => c.Orders).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null) return NotFound();
        Contract = contract;
        Status = await status.ForAsync(Contract.DocumentType, nameof(Kehu.Web.Modules.Contracts.Contract), id, userId, ct);
        MayEdit = (await save.MayEditAsync(userId, id, ct)).IsSuccess;
        MaySubmit = MayEdit && (Status.Instance is null || Status.MyTaskIsStart(ContractWorkflow.Workflow));
        MayDelete = contract.OwnerId == userId && Status.Instance is null;
        return Page();
    }

    /// <summary>Where a related order's page is.</summary>
    public static string OrderUrl(ContractOrder o) =>
        o.OrderType == SalesOrder.DocumentType ? $"/sales/orders/{o.OrderId}" : o.OrderType == PurchaseOrder.DocumentType ? $"/purchasing/orders/{o.OrderId}" : "#";

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        var result = await save.SubmitAsync(User.RequiredUserId(), id, ct);
        if (result.IsSuccess) TempData["Flash"] = l["合同已提交给上级审批"].Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else TempData["Error"] = result.Error.Message;
        return Redirect($"/contracts/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await save.DeleteAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["合同已删除"].Value;
            return Redirect("/contracts");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/contracts/{id}");
    }
}
