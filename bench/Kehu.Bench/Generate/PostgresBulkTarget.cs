using Kehu.Web.Platform.Data;
using Npgsql;
using NpgsqlTypes;

namespace Kehu.Bench.Generate;

/// <summary>PostgreSQL: binary COPY per table, all inside ONE transaction together with the
/// index/foreign-key drop and rebuild (PostgreSQL DDL is transactional), so an interrupted load
/// leaves the database exactly as it was.</summary>
public sealed class PostgresBulkTarget : BulkTarget
{
    private readonly NpgsqlConnection connection;
    private NpgsqlTransaction? transaction;
    private readonly List<(string Name, string Sql)> droppedIndexes = [];
    private readonly List<(string Table, string Name, string Definition)> droppedKeys = [];

    public PostgresBulkTarget(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 };
        connection = new NpgsqlConnection(cs.ToString());
        connection.Open();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override long Scalar(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, transaction);
        var v = cmd.ExecuteScalar();
        return v is null or DBNull ? 0 : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override void Execute(string sql, int timeoutSeconds = 0)
    {
        using var cmd = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = timeoutSeconds };
        cmd.ExecuteNonQuery();
    }

    public override List<(long Id, string Text)> Pairs(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, transaction);
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string)>();
        while (r.Read()) list.Add((r.GetInt64(0), r.GetString(1)));
        return list;
    }

    public override void BeginLoad(IReadOnlyList<string> tables)
    {
        transaction = connection.BeginTransaction();
        // Session-local: faster commit and index builds; nothing here changes the server's config.
        Execute("SET LOCAL synchronous_commit = off; SET LOCAL maintenance_work_mem = '512MB'");
        var list = string.Join(", ", tables.Select(t => $"'{t}'"));
        using (var cmd = new NpgsqlCommand($"""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ({list})
            ORDER BY 1, 2
            """, connection, transaction))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) droppedKeys.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
        // Indexes that do not back a constraint (primary keys stay: rows arrive in key order).
        using (var cmd = new NpgsqlCommand($"""
            SELECT i.indexname, i.indexdef
            FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename IN ({list})
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY 1
            """, connection, transaction))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) droppedIndexes.Add((r.GetString(0), r.GetString(1)));
        foreach (var (table, name, _) in droppedKeys) Execute($"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"");
        foreach (var (name, _) in droppedIndexes) Execute($"DROP INDEX \"{name}\"");
    }

    public override TableWriter OpenTable(Table table) => new Writer(connection, table);

    public override void RecreateIndexes(Action<string> log)
    {
        foreach (var (name, sql) in droppedIndexes)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Execute(sql);
            log($"  index {name}: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0}s");
        }
        foreach (var (table, name, definition) in droppedKeys)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Execute($"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
            log($"  foreign key {name}: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0}s");
        }
        droppedIndexes.Clear();
        droppedKeys.Clear();
    }

    public override void EndLoad()
    {
        transaction?.Commit();
        transaction?.Dispose();
        transaction = null;
    }

    public override void Analyze(IReadOnlyList<string> tables)
    {
        // VACUUM sets the visibility map (index-only scans) and clears the dead row versions the
        // first/last-contact UPDATE left; it cannot run inside a transaction.
        Execute($"VACUUM (ANALYZE) {string.Join(", ", tables)}");
        Execute("ANALYZE");
    }

    public override void Dispose()
    {
        transaction?.Dispose();
        connection.Dispose();
    }

    private sealed class Writer : TableWriter
    {
        private readonly NpgsqlBinaryImporter importer;
        private readonly Column[] columns;
        private int column;

        public Writer(NpgsqlConnection connection, Table table)
        {
            columns = [.. table.Columns];
            importer = connection.BeginBinaryImport(
                $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
        }

        private void Start()
        {
            if (column == 0) importer.StartRow();
        }

        private void Null()
        {
            Start();
            importer.WriteNull();
            column++;
        }

        private void Value<T>(T value, NpgsqlDbType type)
        {
            Start();
            importer.Write(value, type);
            column++;
        }

        public override void Write(long value) => Value(value, NpgsqlDbType.Bigint);
        public override void Write(long? value)
        {
            if (value is { } v) Value(v, NpgsqlDbType.Bigint);
            else Null();
        }
        public override void Write(int value) => Value(value, NpgsqlDbType.Integer);
        public override void Write(int? value)
        {
            if (value is { } v) Value(v, NpgsqlDbType.Integer);
            else Null();
        }
        public override void Write(bool value) => Value(value, NpgsqlDbType.Boolean);
        public override void Write(string? value)
        {
            if (value is null) Null();
            else Value(value, NpgsqlDbType.Varchar);
        }
        public override void Write(DateTime? value)
        {
            if (value is { } v) Value(v, NpgsqlDbType.TimestampTz);
            else Null();
        }
        public override void Write(DateOnly? value)
        {
            if (value is { } v) Value(v, NpgsqlDbType.Date);
            else Null();
        }

        public override void Write(decimal? value)
        {
            if (value is { } v) Value(v, NpgsqlDbType.Numeric);
            else Null();
        }

        public override void EndRow()
        {
            if (column != columns.Length) throw new InvalidOperationException($"Row has {column} values, the table {columns.Length} columns.");
            column = 0;
            Rows++;
        }

        public override void Complete() => importer.Complete();

        public override void Dispose() => importer.Dispose();
    }
}
