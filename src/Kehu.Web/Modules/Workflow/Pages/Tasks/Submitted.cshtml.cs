using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Workflow.Pages.Tasks;

/// <summary>我发起的: the documents the user submitted, with where each one is.</summary>
public sealed class SubmittedModel(TaskQueries tasks) : PageModel
{
    public const int Shown = 200;

    public List<SubmittedItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await tasks.SubmittedAsync(User.RequiredUserId(), Shown, ct);

    public static string StateLabel(WorkflowState state) => state switch
    {
        WorkflowState.Active => "审批中",
        WorkflowState.Completed => "已完成",
        WorkflowState.Rejected => "未通过",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
