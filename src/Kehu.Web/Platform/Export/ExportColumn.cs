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

/// <summary>
/// One column of a list's export: the header is a resource key (the Chinese label), written in the
/// user's language. A value of a known type (text, a number, a date) is handed to the writer as it
/// is, without boxing: a million-row export reads ten million cells.
/// </summary>
public sealed class ExportColumn<T>
{
    private readonly Action<T, ICellWriter> write;

    private ExportColumn(string header, ExportKind kind, Func<T, object?> value, Action<T, ICellWriter> write)
    {
        Header = header;
        Kind = kind;
        Value = value;
        this.write = write;
    }

    public ExportColumn(string header, ExportKind kind, Func<T, object?> value)
        : this(header, kind, value, (row, w) => w.Value(value(row), kind)) { }

    public ExportColumn(string header, ExportKind kind, Func<T, string?> value)
        : this(header, kind, row => value(row), (row, w) => w.Text(value(row))) { }

    public ExportColumn(string header, ExportKind kind, Func<T, decimal> value)
        : this(header, kind, row => value(row), (row, w) => w.Number(value(row), kind)) { }

    public ExportColumn(string header, ExportKind kind, Func<T, decimal?> value)
        : this(header, kind, row => value(row), (row, w) => { if (value(row) is { } v) w.Number(v, kind); else w.Empty(); }) { }

    public ExportColumn(string header, ExportKind kind, Func<T, long> value)
        : this(header, kind, row => value(row), (row, w) => w.Number(value(row), kind)) { }

    public ExportColumn(string header, ExportKind kind, Func<T, long?> value)
        : this(header, kind, row => value(row), (row, w) => { if (value(row) is { } v) w.Number(v, kind); else w.Empty(); }) { }

    public ExportColumn(string header, ExportKind kind, Func<T, int> value)
        : this(header, kind, row => value(row), (row, w) => w.Number(value(row), kind)) { }

    public ExportColumn(string header, ExportKind kind, Func<T, int?> value)
        : this(header, kind, row => value(row), (row, w) => { if (value(row) is { } v) w.Number(v, kind); else w.Empty(); }) { }

    public ExportColumn(string header, ExportKind kind, Func<T, DateTime> value)
        : this(header, kind, row => value(row), (row, w) => w.Date(value(row), kind)) { }

    public ExportColumn(string header, ExportKind kind, Func<T, DateTime?> value)
        : this(header, kind, row => value(row), (row, w) => { if (value(row) is { } v) w.Date(v, kind); else w.Empty(); }) { }

    public ExportColumn(string header, ExportKind kind, Func<T, DateOnly> value)
        : this(header, kind, row => value(row), (row, w) => w.Date(value(row))) { }

    public ExportColumn(string header, ExportKind kind, Func<T, DateOnly?> value)
        : this(header, kind, row => value(row), (row, w) => { if (value(row) is { } v) w.Date(v); else w.Empty(); }) { }

    public string Header { get; }

    public ExportKind Kind { get; }

    /// <summary>The cell's value, boxed.</summary>
    public Func<T, object?> Value { get; }

    /// <summary>Writes the cell of <paramref name="row"/>, typed where the column's value is.</summary>
    public void Write(T row, ICellWriter writer) => write(row, writer);
}

/// <summary>Takes one row's cells in order. A <see cref="DateTime"/> of kind
/// <see cref="ExportKind.DateTime"/> is UTC; the writer shows it in the company's time zone.</summary>
public interface ICellWriter
{
    void Text(string? text);
    void Number(decimal value, ExportKind kind);
    void Number(long value, ExportKind kind);
    void Number(double value, ExportKind kind);
    void Date(DateTime value, ExportKind kind);
    void Date(DateOnly value);
    void Empty();

    /// <summary>A boxed value, handed to the typed method its runtime type calls for: the one place
    /// that decides how a value of unknown type is written, for every format.</summary>
    void Value(object? value, ExportKind kind)
    {
        switch (value)
        {
            case null: Empty(); return;
            case string text: Text(text); return;
            case DateTime at: Date(at, kind); return;
            case DateOnly day: Date(day); return;
            case decimal d: Number(d, kind); return;
            case double d: Number(d, kind); return;
            case float f: Number(f, kind); return;
            case long or int or short or byte or sbyte or ushort or uint:
                Number(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), kind); return;
            default: Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); return;
        }
    }
}

public static class ExportLookup
{
    /// <summary>The name of <paramref name="id"/> in a lookup loaded once for the whole export.</summary>
    public static string? NameOf(this IReadOnlyDictionary<long, string> names, long? id) => id is { } key ? names.GetValueOrDefault(key) : null;
}
