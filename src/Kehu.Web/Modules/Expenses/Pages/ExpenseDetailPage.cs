using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses.Pages;

/// <summary>What a claim's and an advance's page share: where it stands, the applicant's buttons
/// (提交, 删除) and their handlers.</summary>
public abstract class ExpenseDetailPage<T, TInput, TDetails>(
    SaveExpense<T, TInput, TDetails> save,
    DocumentStatusQuery status,
    WorkflowDefinition workflow,
    string basePath,
    string label,
    IStringLocalizer<SharedResource> l) : PageModel
    where T : ExpenseDocument where TInput : IExpenseInput where TDetails : class
{
    protected IStringLocalizer<SharedResource> L => l;

    public DocumentStatus Status { get; private set; } = null!;
    public DocumentActions Actions { get; private set; } = null!;

    protected async Task LoadStatusAsync(T document, long userId, CancellationToken ct)
    {
        Status = await status.ForAsync(workflow.DocumentType, typeof(T).Name, document.Id, userId, ct);
        var mayEdit = (await save.MayEditAsync(userId, document.Id, ct)).IsSuccess;
        var taskUrl = Status.MyTaskUrl is not null && !Status.MyTaskIsStart(workflow) ? Status.MyTaskUrl : null;
        Actions = new DocumentActions(basePath, document.Id, document.Number, document.Version, taskUrl, mayEdit,
            mayEdit && (Status.Instance is null || Status.MyTaskIsStart(workflow)), document.ApplicantId == userId && Status.Instance is null);
    }

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        var result = await save.SubmitAsync(User.RequiredUserId(), id, ct);
        if (result.IsSuccess) TempData["Flash"] = l["{0}已提交", l[label]].Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else TempData["Error"] = result.Error.Message;
        return Redirect($"{basePath}/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await save.DeleteAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["{0}已删除", l[label]].Value;
            return Redirect(basePath);
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"{basePath}/{id}");
    }
}
