using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Workflow.Pages.Tasks;

/// <summary>办理: a task's document at its step, the step's fields editable and everything else
/// read-only, and the step's actions as buttons. Any document type with a workflow uses it.</summary>
public sealed class HandleModel(WorkflowEngine engine, TaskQueries tasks, IStringLocalizer<SharedResource> l) : PageModel
{
    public TaskItem Task { get; private set; } = null!;
    public StepDefinition Step { get; private set; } = null!;
    public DocumentView Document { get; private set; } = null!;
    public List<TimelineItem> Timeline { get; private set; } = [];
    public bool MayAct { get; private set; }
    public IReadOnlyList<Candidate> AssignCandidates { get; private set; } = [];
    public IReadOnlyList<Candidate> TransferCandidates { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>The step's fields as posted (<c>Fields[name]</c>). Read from the form by hand: a bound
    /// dictionary with nothing under its prefix would take every form value instead.</summary>
    public Dictionary<string, string?> Fields { get; private set; } = [];

    [BindProperty]
    public string? Opinion { get; set; }

    [BindProperty]
    public long? AssignTo { get; set; }

    [BindProperty]
    public long? TransferTo { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        if (MayAct && Step.Code == engine.For(Task.DocumentType).Definition.Start.Code) return Redirect(Task.Url);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? action, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        Fields = Request.Form.Keys
            .Where(k => k.StartsWith("Fields[", StringComparison.Ordinal) && k.EndsWith(']') && k.Length > "Fields[]".Length)
            .ToDictionary(k => k["Fields[".Length..^1], k => (string?)Request.Form[k].ToString(), StringComparer.Ordinal);
        var kind = WorkflowActions.Parse(action);
        if (kind is null || !Step.Offers(kind.Value))
        {
            ModelState.AddModelError(string.Empty, l["当前步骤（{0}）不能执行该操作", l[Step.Label]]);
            return Page();
        }
        // Everything posted goes to the engine, which refuses a field the step may not change (a
        // forged form included). Transfers and comments change no fields, so the form's are not sent.
        var usesFields = kind is not (WorkflowAction.Transfer or WorkflowAction.Comment);
        var sent = usesFields ? Fields.ToList() : [];
        var assignee = kind switch
        {
            WorkflowAction.Assign => AssignTo,
            WorkflowAction.Transfer => TransferTo,
            _ => null,
        };
        var result = await engine.CompleteAsync(id, User.RequiredUserId(), new ActRequest(kind.Value, Opinion, assignee, new StepFields(sent)), ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = kind == WorkflowAction.Comment ? l["评论已添加"].Value : l["已办理：{0}", Task.Title].Value;
            return kind == WorkflowAction.Comment ? Redirect($"/tasks/{id}") : Redirect("/");
        }
        var error = result.Error!;
        switch (error.Kind)
        {
            case ErrorKind.NotFound:
                return NotFound();
            case ErrorKind.Conflict:
                Problem = error.Message;
                await LoadAsync(id, ct);
                return Page();
            case ErrorKind.Validation:
            case ErrorKind.Forbidden:
                if (error.Fields is { Count: > 0 })
                {
                    foreach (var (field, messages) in error.Fields)
                        foreach (var message in messages) ModelState.AddModelError(field, message);
                }
                ModelState.AddModelError(string.Empty, error.Message);
                return Page();
            default:
                throw new ArgumentOutOfRangeException(nameof(action), error.Kind, null);
        }
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var task = await tasks.FindAsync(id, ct);
        if (task is null) return NotFound();
        var document = engine.For(task.DocumentType);
        if (!await document.CanSeeAsync(userId, task.DocumentId, ct)) return NotFound();
        Task = task;
        Step = document.Definition.Step(task.Step) ?? throw new InvalidOperationException($"Unknown step {task.Step}.");
        var actionable = await engine.ActionableTaskAsync(task.DocumentType, task.DocumentId, userId, ct);
        MayAct = actionable?.Id == task.Id;
        if (!MayAct && task.Status == WorkflowTaskStatus.Pending && Problem is null) Problem = l["你不是该任务的办理人"];
        if (task.Status != WorkflowTaskStatus.Pending && Problem is null) Problem = l["该任务已处理"];
        var viewStep = MayAct ? Step : Step with { Fields = [] };
        Document = await document.ViewAsync(task.DocumentId, viewStep, userId, ct) ?? throw new InvalidOperationException("The task's document is gone.");
        Timeline = await tasks.TimelineAsync(task.DocumentType, task.DocumentId, ct);
        if (MayAct)
        {
            var raw = (await engine.TaskAsync(id, ct))!;
            if (Step.Offers(WorkflowAction.Assign)) AssignCandidates = await engine.CandidatesAsync(raw, WorkflowAction.Assign, userId, ct);
            if (Step.Offers(WorkflowAction.Transfer)) TransferCandidates = await engine.CandidatesAsync(raw, WorkflowAction.Transfer, userId, ct);
        }
        return null;
    }

    /// <summary>What a field shows: the value posted back after an error, else the document's.</summary>
    public string? ValueOf(FieldView f) => Fields.TryGetValue(f.Name, out var posted) ? posted : f.Value;

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
