namespace Kehu.Web.Modules.Workflow;

/// <summary>What a person does to a document at a step. The API spells them in camelCase.</summary>
public enum WorkflowAction
{
    /// <summary>提交: the submitter sends the document on (also after it was returned to them).</summary>
    Submit = 1,
    /// <summary>同意: the step is done; the document moves on.</summary>
    Approve = 2,
    /// <summary>不同意: the workflow ends as rejected (an opinion is required).</summary>
    Reject = 3,
    /// <summary>退回: back to the step's <see cref="StepDefinition.ReturnTo"/> (an opinion is required).</summary>
    Return = 4,
    /// <summary>指派: the step is done and the next one goes to the person chosen here.</summary>
    Assign = 5,
    /// <summary>转交: the same step, handed to another eligible person.</summary>
    Transfer = 6,
    /// <summary>A remark in the history; the task stays pending.</summary>
    Comment = 7,
    /// <summary>付款: a payment is recorded; the document moves on (or stays, by the hook's choice).</summary>
    Pay = 8,
    /// <summary>收款: a receipt is recorded; the document moves on (or stays, by the hook's choice).</summary>
    Collect = 9,
}

public enum WorkflowState
{
    Active = 1,
    Completed = 2,
    Rejected = 3,
}

/// <summary>Who may act at a step.</summary>
public abstract record Actor
{
    private Actor() { }

    /// <summary>Anyone holding the role: one shared task that the first of them to act takes.</summary>
    public sealed record Role(string Code) : Actor;

    /// <summary>The person who submitted the document.</summary>
    public sealed record Submitter : Actor;

    /// <summary>The submitter's 上级: their explicit supervisor, else their department's manager.</summary>
    public sealed record Supervisor : Actor;

    /// <summary>A person chosen by the step before (指派), who must hold <paramref name="RoleCode"/>.</summary>
    public sealed record Chosen(string RoleCode) : Actor;
}

/// <summary>An action a step offers. <paramref name="To"/> lists where the document may go next
/// (step codes, or <see cref="WorkflowDefinition.End"/>); the first is the default and the
/// document's hook may pick another one of them (e.g. back to review when a job is unfinished).
/// Reject, return, transfer and comment need no destination.</summary>
public sealed record StepAction(WorkflowAction Kind, string Label, IReadOnlyList<string>? To = null, bool OpinionRequired = false)
{
    public IReadOnlyList<string> Destinations { get; } = To ?? [];
}

/// <summary>One step: who acts, which fields (API names) they may change, what they may do, and
/// where 退回 sends the document.</summary>
public sealed record StepDefinition(
    string Code,
    string Label,
    Actor Actor,
    IReadOnlyList<string> Fields,
    IReadOnlyList<StepAction> Actions,
    string? ReturnTo = null)
{
    public StepAction? Action(WorkflowAction kind) => Actions.FirstOrDefault(a => a.Kind == kind);

    public bool Offers(WorkflowAction kind) => Actions.Any(a => a.Kind == kind);

    /// <summary>The sent fields this step may not change, in the order sent.</summary>
    public IReadOnlyList<string> RefusedFields(IEnumerable<string> sent) =>
        sent.Where(f => !Fields.Contains(f, StringComparer.Ordinal)).ToList();
}

/// <summary>
/// A document type's workflow, declared in code by the module that owns the document. The first
/// step is where the submitter drafts (and gets the document back when it is returned to them).
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>The destination that completes the workflow.</summary>
    public const string End = "$end";

    public WorkflowDefinition(string documentType, string label, IReadOnlyList<StepDefinition> steps)
    {
        DocumentType = documentType;
        Label = label;
        Steps = steps;
        var problems = Problems();
        if (problems.Count > 0)
            throw new InvalidOperationException($"Workflow {documentType} is not valid: {string.Join("; ", problems)}");
    }

    public string DocumentType { get; }
    public string Label { get; }
    public IReadOnlyList<StepDefinition> Steps { get; }
    public StepDefinition Start => Steps[0];

    public StepDefinition? Step(string code) => Steps.FirstOrDefault(s => s.Code == code);

    /// <summary>What is wrong with the declaration; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Steps.Count == 0) return ["no steps"];
        if (Steps.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != Steps.Count) problems.Add("step codes repeat");
        if (Start.Actor is not Actor.Submitter) problems.Add("the first step belongs to the submitter");
        if (!Start.Offers(WorkflowAction.Submit)) problems.Add("the first step offers submit");
        foreach (var step in Steps)
        {
            foreach (var action in step.Actions)
            {
                var moves = action.Kind is WorkflowAction.Submit or WorkflowAction.Approve or WorkflowAction.Assign or WorkflowAction.Pay or WorkflowAction.Collect;
                if (moves && action.Destinations.Count == 0) problems.Add($"{step.Code}.{action.Kind} has no destination");
                if (!moves && action.Destinations.Count > 0) problems.Add($"{step.Code}.{action.Kind} takes no destination");
                foreach (var to in action.Destinations.Where(t => t != End && Step(t) is null))
                    problems.Add($"{step.Code}.{action.Kind} goes to unknown step {to}");
                if (action.Kind == WorkflowAction.Assign && action.Destinations.Any(t => Step(t)?.Actor is not Actor.Chosen))
                    problems.Add($"{step.Code}.Assign must lead to a step whose actor is chosen");
                if (action.Kind == WorkflowAction.Submit && step != Start) problems.Add($"{step.Code} offers submit but is not the first step");
            }
            if (step.Offers(WorkflowAction.Return) && (step.ReturnTo is null || Step(step.ReturnTo) is null))
                problems.Add($"{step.Code} offers return without a step to return to");
        }
        foreach (var step in Steps.Where(s => s.Actor is Actor.Chosen))
        {
            var reachedByAssign = Steps.Any(s => s.Actions.Any(a => a.Kind == WorkflowAction.Assign && a.Destinations.Contains(step.Code)));
            if (!reachedByAssign) problems.Add($"{step.Code} has a chosen actor but no step assigns it");
        }
        return problems;
    }
}

public static class WorkflowActions
{
    /// <summary>The API's name of an action (camelCase).</summary>
    public static string Name(WorkflowAction action) => action switch
    {
        WorkflowAction.Submit => "submit",
        WorkflowAction.Approve => "approve",
        WorkflowAction.Reject => "reject",
        WorkflowAction.Return => "return",
        WorkflowAction.Assign => "assign",
        WorkflowAction.Transfer => "transfer",
        WorkflowAction.Comment => "comment",
        WorkflowAction.Pay => "pay",
        WorkflowAction.Collect => "collect",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static WorkflowAction? Parse(string? text) =>
        Enum.TryParse<WorkflowAction>(text, ignoreCase: true, out var a) && Enum.IsDefined(a) && !int.TryParse(text, out _) ? a : null;

    /// <summary>The resource key shown for an action in the history.</summary>
    public static string Label(WorkflowAction action) => action switch
    {
        WorkflowAction.Submit => "提交",
        WorkflowAction.Approve => "同意",
        WorkflowAction.Reject => "不同意",
        WorkflowAction.Return => "退回",
        WorkflowAction.Assign => "指派",
        WorkflowAction.Transfer => "转交",
        WorkflowAction.Comment => "评论",
        WorkflowAction.Pay => "付款",
        WorkflowAction.Collect => "收款",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
