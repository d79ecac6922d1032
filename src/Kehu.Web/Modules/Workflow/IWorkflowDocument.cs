using System.Globalization;
using System.Text.Json;
using Kehu.Web.Platform.Results;

namespace Kehu.Web.Modules.Workflow;

/// <summary>
/// What a document type gives the engine: its declaration, and the hook that applies a step's
/// fields and consequences to the document. Registered once per type as a scoped service; the
/// engine finds it by <see cref="WorkflowDefinition.DocumentType"/>.
/// </summary>
public interface IWorkflowDocument
{
    WorkflowDefinition Definition { get; }

    /// <summary>Called inside the action's transaction, after the task has been taken: check and
    /// apply <see cref="WorkflowContext.Fields"/> and whatever the action means for the document
    /// (create the next document, close it…) on tracked entities of the same DbContext. An error
    /// rolls the whole action back.</summary>
    Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct);

    /// <summary>Whether the user may see the document at all.</summary>
    Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct);

    /// <summary>Where 办理 opens a task of this type.</summary>
    string TaskUrl(WorkflowTask task);

    string DocumentUrl(long documentId);

    /// <summary>我的草稿: documents of this type the user started and has not submitted yet, most
    /// recently changed first. The engine has no instance for them yet; the module knows them.</summary>
    Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct);

    /// <summary>The document as the 办理 page shows it at a step: every field, in order, with the
    /// step's own fields editable.</summary>
    Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct);
}

/// <summary>A document not yet submitted: its title for lists, when it was last saved, and where
/// to go on with it (its form).</summary>
public sealed record DraftItem(string DocumentType, long DocumentId, string Title, DateTime UpdatedAt, string Url);

/// <summary>What the hook did: the document it changed (its changed fields go into the history),
/// its title for task lists, and the destination it chose among the action's.</summary>
public sealed record ActionOutcome(object? ChangedDocument, string Title, string? To = null);

public sealed class WorkflowContext
{
    public required WorkflowInstance Instance { get; init; }
    public required StepDefinition Step { get; init; }
    public required StepAction Action { get; init; }
    public required long UserId { get; init; }
    public required DateTime Now { get; init; }
    public required StepFields Fields { get; init; }
    public string? Opinion { get; init; }
    /// <summary>The person chosen for assign and transfer.</summary>
    public long? AssigneeId { get; init; }
}

/// <summary>The field values sent with an action, by API name, as text: JSON numbers keep their
/// literal, strings their value, null stays null. Pages pass their form values the same way.</summary>
public sealed class StepFields
{
    private readonly Dictionary<string, string?> values;

    public StepFields(IEnumerable<KeyValuePair<string, string?>> values) =>
        this.values = new Dictionary<string, string?>(values, StringComparer.Ordinal);

    public static StepFields None { get; } = new([]);

    public static StepFields FromJson(IEnumerable<KeyValuePair<string, JsonElement>>? json) =>
        new((json ?? []).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => kv.Value.GetString(),
            _ => kv.Value.GetRawText(),
        })));

    public IReadOnlyCollection<string> Names => values.Keys;

    public bool Has(string name) => values.ContainsKey(name);

    public string? Text(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>Parses a number; <paramref name="valid"/> is false when text was sent that is not one.</summary>
    public decimal? Number(string name, out bool valid)
    {
        var text = Text(name);
        valid = text is null || decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
        return text is not null && valid ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
    }

    public long? Id(string name, out bool valid)
    {
        var text = Text(name);
        valid = text is null || long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        return text is not null && valid ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
    }
}

public enum FieldKind
{
    Text,
    LongText,
    Number,
    User,
    Option,
}

/// <summary>One field on the 办理 page. <see cref="Value"/> is what a form posts back (an id for
/// users and options), <see cref="Display"/> what a person reads.</summary>
public sealed record FieldView(string Name, string Label, FieldKind Kind, string? Value, string? Display,
    bool Editable, bool Required = false, IReadOnlyList<(string Value, string Text)>? Choices = null, string? Hint = null);

public sealed record DocumentView(string Number, string Title, string Url, IReadOnlyList<FieldView> Fields)
{
    /// <summary>The document's lines (an order's products, a count's items), read-only on the 办理 page.</summary>
    public IReadOnlyList<TableView> Tables { get; init; } = [];
}

/// <summary>A read-only table of a document's lines. Headers are resource keys; cells are shown as
/// given; the columns in <see cref="NumericColumns"/> are right-aligned.</summary>
public sealed record TableView(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string?>> Rows, IReadOnlyList<int> NumericColumns, string? Note = null);
