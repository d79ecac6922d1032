using Kehu.Web.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Kehu.Bench.Generate;

/// <summary>SQLite: one connection, PRAGMA synchronous=OFF and WAL, and per table one prepared
/// INSERT whose parameters are reused for every row, committed every <see cref="BatchRows"/> rows.</summary>
public sealed class SqliteBulkTarget : BulkTarget
{
    public const int BatchRows = 100_000;

    private readonly SqliteConnection connection;
    private readonly List<(string Name, string Sql)> dropped = [];

    public SqliteBulkTarget(string connectionString)
    {
        // Pooling off: the file may be deleted or copied right after the load.
        var cs = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, DefaultTimeout = 0 };
        connection = new SqliteConnection(cs.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=OFF;");
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override long Scalar(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return v is null or DBNull ? 0 : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override void Execute(string sql, int timeoutSeconds = 0)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = timeoutSeconds;
        cmd.ExecuteNonQuery();
    }

    public override List<(long Id, string Text)> Pairs(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string)>();
        while (r.Read()) list.Add((r.GetInt64(0), r.GetString(1)));
        return list;
    }

    public override void BeginLoad(IReadOnlyList<string> tables)
    {
        // synchronous=OFF: a crash mid-load may corrupt the file, which is then deleted and
        // loaded again. A large page cache keeps the B-trees being appended to in memory.
        Execute("PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=100000;");
        using var cmd = connection.CreateCommand();
        // Indexes with sql IS NULL are the ones behind PRIMARY KEY/UNIQUE constraints; they stay.
        cmd.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))}) ORDER BY name";
        using (var r = cmd.ExecuteReader())
            while (r.Read()) dropped.Add((r.GetString(0), r.GetString(1)));
        foreach (var (name, _) in dropped) Execute($"DROP INDEX \"{name}\"");
    }

    public override TableWriter OpenTable(Table table) => new Writer(connection, table);

    public override void RecreateIndexes(Action<string> log)
    {
        foreach (var (name, sql) in dropped)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Execute(sql);
            log($"  index {name}: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0}s");
        }
        dropped.Clear();
    }

    public override void EndLoad()
    {
        Execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA synchronous=NORMAL;");
    }

    public override void Analyze(IReadOnlyList<string> tables)
    {
        Execute("ANALYZE;");
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public override void Dispose() => connection.Dispose();

    private sealed class Writer : TableWriter
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand command;
        private readonly SqliteParameter[] parameters;
        private SqliteTransaction transaction;
        private int column;

        public Writer(SqliteConnection connection, Table table)
        {
            this.connection = connection;
            transaction = connection.BeginTransaction();
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
            parameters = table.Columns.Select((c, i) => command.Parameters.Add(new SqliteParameter("$p" + i, c.Type switch
            {
                ColumnType.Text or ColumnType.Time or ColumnType.Date or ColumnType.Decimal => SqliteType.Text,
                _ => SqliteType.Integer,
            }))).ToArray();
            command.Prepare();
        }

        private void Set(object? value) => parameters[column++].Value = value ?? DBNull.Value;

        public override void Write(long value) => Set(value);
        public override void Write(long? value) => Set(value);
        public override void Write(int value) => Set(value);
        public override void Write(int? value) => Set(value);
        public override void Write(bool value) => Set(value ? 1L : 0L);
        public override void Write(string? value) => Set(value);
        // The same text form EF Core's SQLite provider writes, so the app's comparisons hold.
        public override void Write(DateTime? value) => Set(value?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        public override void Write(DateOnly? value) => Set(value?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // EF Core's SQLite provider stores decimals as TEXT in this form (7.0, 124.19).
        public override void Write(decimal? value) => Set(value?.ToString("0.0###########################", System.Globalization.CultureInfo.InvariantCulture));

        public override void EndRow()
        {
            if (column != parameters.Length) throw new InvalidOperationException($"Row has {column} values, the table {parameters.Length} columns.");
            command.ExecuteNonQuery();
            column = 0;
            if (++Rows % BatchRows == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                command.Transaction = transaction;
            }
        }

        public override void Complete() => transaction.Commit();

        public override void Dispose()
        {
            command.Dispose();
            transaction.Dispose();
        }
    }
}
