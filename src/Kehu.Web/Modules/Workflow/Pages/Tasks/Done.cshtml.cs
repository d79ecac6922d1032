using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Workflow.Pages.Tasks;

/// <summary>已办: the tasks the user completed, newest first.</summary>
public sealed class DoneModel(TaskQueries tasks) : PageModel
{
    public const int Shown = 200;

    public List<TaskItem> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Tasks = await tasks.DoneAsync(User.RequiredUserId(), Shown, ct);
}
