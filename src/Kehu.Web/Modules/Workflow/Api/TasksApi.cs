using System.Text.Json;
using System.Text.Json.Serialization;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Workflow.Api;

/// <summary>The body of <c>POST /api/v1/tasks/{id}/complete</c>. The step's fields come in
/// <see cref="Fields"/>, or beside the other properties at the top level.</summary>
public sealed class TaskCompletion
{
    /// <summary>approve, reject, return, assign, transfer or comment (submit on a returned document).</summary>
    public string? Action { get; set; }
    public string? Opinion { get; set; }
    /// <summary>The person chosen for assign and transfer.</summary>
    public long? AssigneeId { get; set; }
    public Dictionary<string, JsonElement>? Fields { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? TopLevelFields { get; set; }

    public StepFields StepFields() =>
        Workflow.StepFields.FromJson((Fields ?? []).Concat((TopLevelFields ?? []).Where(kv => Fields?.ContainsKey(kv.Key) != true)));
}

public sealed record TaskDto(long Id, string DocumentType, string DocumentLabel, long DocumentId, string Title, string Step, string StepLabel,
    DateTime CreatedAt, IReadOnlyList<string> Actions, long? AssigneeId, string? CandidateRole, IReadOnlyList<string> Fields, string Url);

public sealed record TaskList(IReadOnlyList<TaskDto> Items, string? NextCursor);

public sealed record CompletionAnswer(long TaskId, string State, string Step, IReadOnlyList<long> NewTaskIds);

public static class TasksApi
{
    public const int Limit = 200;

    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("tasks");

        g.MapGet("/", async (HttpContext http, TaskQueries tasks, WorkflowEngine engine, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var items = await tasks.PendingAsync(http.User.RequiredUserId(), Limit, ct);
            return new TaskList(items.Select(t => Dto(t, engine, l)).ToList(), null);
        }).WithSummary("The caller's pending tasks (待办), oldest first: their own and those shared by a role they hold");

        g.MapGet("/{id:long}", async (long id, HttpContext http, TaskQueries tasks, WorkflowEngine engine, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            var task = await tasks.FindAsync(id, ct);
            if (task is null || !await engine.For(task.DocumentType).CanSeeAsync(userId, task.DocumentId, ct)) return Results.Problem(statusCode: 404);
            return Results.Ok(Dto(task, engine, l));
        }).WithSummary("One task: its step, the actions it offers and the fields it may change");

        g.MapPost("/{id:long}/complete", async (long id, TaskCompletion body, HttpContext http, WorkflowEngine engine, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var action = WorkflowActions.Parse(body.Action);
            if (action is null)
                return new Validation().Add("action", l["{0}的取值无效", l["操作"]]).ToError(l["请检查输入"]).ToProblem();
            var result = await engine.CompleteAsync(id, http.User.RequiredUserId(), new ActRequest(action.Value, body.Opinion, body.AssigneeId, body.StepFields()), ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            var instance = result.Value.Instance;
            return Results.Ok(new CompletionAnswer(id, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(instance.State.ToString()),
                instance.Step, result.Value.NewTasks.Select(t => t.Id).ToList()));
        }).WithSummary("Act on a task: { action, opinion, assigneeId, fields: { … } } — 403 if it is not the caller's, 409 if it was already handled");
    }

    private static TaskDto Dto(TaskItem t, WorkflowEngine engine, IStringLocalizer<SharedResource> l)
    {
        var step = engine.For(t.DocumentType).Definition.Step(t.Step);
        return new TaskDto(t.Id, t.DocumentType, l[t.DocumentLabel], t.DocumentId, t.Title, t.Step, l[t.StepLabel], t.CreatedAt,
            step?.Actions.Select(a => WorkflowActions.Name(a.Kind)).ToList() ?? [], t.AssigneeId, t.CandidateRole,
            step?.Fields ?? [], t.Url);
    }
}
