using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Expenses.Pages;

/// <summary>What a claim's and an advance's form do once saved: go to the document's page,
/// submitting it first when 保存并提交 was pressed (a refused submit shows there).</summary>
public static class ExpenseForms
{
    public static async Task<IActionResult> AfterSaveAsync(PageModel page, string url, bool submit, string saved, string submitted,
        Func<Task<Result<ActResult>>> submitAsync)
    {
        if (!submit)
        {
            page.TempData["Flash"] = saved;
            return new RedirectResult(url);
        }
        var result = await submitAsync();
        if (result.IsSuccess) page.TempData["Flash"] = submitted;
        else page.TempData["Error"] = result.Error!.Message;
        return new RedirectResult(url);
    }
}
