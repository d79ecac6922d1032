namespace Kehu.Web.Platform.Results;

public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>
/// An expected failure, as a value. <see cref="Fields"/> maps a field name (camelCase, as the
/// API spells it) to messages already in the user's language.
/// </summary>
public sealed record Error(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string message) => new(ErrorKind.NotFound, message);
    public static Error Conflict(string message) => new(ErrorKind.Conflict, message);
    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static Error Forbidden(string message, IReadOnlyDictionary<string, string[]> fields) => new(ErrorKind.Forbidden, message, fields);
    public static Error Invalid(string message, IReadOnlyDictionary<string, string[]> fields) => new(ErrorKind.Validation, message, fields);
}

public readonly struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => IsSuccess ? value! : throw new InvalidOperationException("A failed result has no value.");

    /// <summary>For a value of an interface type, which the implicit conversion cannot take.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>Collects per-field validation messages, then becomes an <see cref="Error"/>.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> fields = new(StringComparer.Ordinal);

    public bool IsValid => fields.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!fields.TryGetValue(field, out var list)) fields[field] = list = [];
        list.Add(message);
        return this;
    }

    public Error ToError(string message) =>
        Error.Invalid(message, fields.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
}
