using Kehu.Web.Platform.Data;

namespace Kehu.Bench.Generate;

public enum ColumnType
{
    Long,
    Int,
    Bool,
    Text,
    Time,
    Date,
    Decimal,
}

public sealed record Column(string Name, ColumnType Type);

public sealed record Table(string Name, IReadOnlyList<Column> Columns);

/// <summary>The bulk path into one database: raw ADO.NET, bypassing EF, with the secondary
/// indexes and foreign keys of the loaded tables dropped during the load and recreated from
/// their own DDL afterwards (building an index once is far cheaper than growing it row by row).</summary>
public abstract class BulkTarget : IDisposable
{
    public static BulkTarget Open(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteBulkTarget(connectionString),
        DatabaseProvider.Postgres => new PostgresBulkTarget(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public abstract DatabaseProvider Provider { get; }

    public abstract long Scalar(string sql);

    public abstract void Execute(string sql, int timeoutSeconds = 0);

    public abstract List<(long Id, string Text)> Pairs(string sql);

    /// <summary>Begins the load: session settings, and drops (remembering them) the secondary
    /// indexes and foreign keys of <paramref name="tables"/>.</summary>
    public abstract void BeginLoad(IReadOnlyList<string> tables);

    public abstract TableWriter OpenTable(Table table);

    /// <summary>Recreates what <see cref="BeginLoad"/> dropped.</summary>
    public abstract void RecreateIndexes(Action<string> log);

    public abstract void EndLoad();

    /// <summary>Refreshes the planner's statistics after the load.</summary>
    public abstract void Analyze(IReadOnlyList<string> tables);

    public abstract void Dispose();
}

/// <summary>Writes rows column by column, in the table's column order.</summary>
public abstract class TableWriter : IDisposable
{
    public long Rows { get; protected set; }

    public abstract void Write(long value);
    public abstract void Write(long? value);
    public abstract void Write(int value);
    public abstract void Write(int? value);
    public abstract void Write(bool value);
    public abstract void Write(string? value);
    public abstract void Write(DateTime? value);
    public abstract void Write(DateOnly? value);
    public abstract void Write(decimal? value);
    public abstract void EndRow();

    /// <summary>Flushes and finishes the table.</summary>
    public abstract void Complete();

    public abstract void Dispose();
}
