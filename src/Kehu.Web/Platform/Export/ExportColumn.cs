namespace Kehu.Web.Platform.Export;

/// <summary>How a column's values are written.</summary>
public enum ExportKind
{
    Text,
    /// <summary>A figure (a count, a quantity): a numeric cell.</summary>
    Number,
    /// <summary>An amount: a numeric cell.</summary>
    Money,
    /// <summary>A calendar date (<see cref="DateOnly"/>, or a <see cref="DateTime"/> taken as a date).</summary>
    Date,
    /// <summary>An instant, stored in UTC: written in the company's time zone.</summary>
    DateTime,
    /// <summary>An id, a number, a phone number or a barcode: always text, so <c>0123</c> keeps its
    /// zero and a 13-digit barcode does not become 1.2E+12.</summary>
    Code,
}

/// <summary>One column of a list's export: <paramref name="Header"/> is a resource key (the Chinese
/// label), written in the user's language.</summary>
public sealed record ExportColumn<T>(string Header, ExportKind Kind, Func<T, object?> Value);

public static class ExportLookup
{
    /// <summary>The name of <paramref name="id"/> in a lookup loaded once for the whole export.</summary>
    public static string? NameOf(this IReadOnlyDictionary<long, string> names, long? id) => id is { } key ? names.GetValueOrDefault(key) : null;
}
