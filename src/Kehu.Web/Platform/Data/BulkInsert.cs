using System.Data.Common;
using System.Globalization;
using System.Text;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Kehu.Web.Platform.Data;

/// <summary>
/// Inserts many new rows of one entity type in the caller's transaction, without the change tracker:
/// for imports, where tracking thousands of rows per batch costs more than writing them (ADR 0016).
/// PostgreSQL takes them in one binary <c>COPY</c>; SQLite through a prepared <c>INSERT</c> of a
/// few rows (one, when the key is generated). Columns, names, types and value conversions come from the EF model, so the rows are
/// exactly what <c>SaveChanges</c> would have written. An <see cref="AuditedEntity"/> is stamped as
/// the audit interceptor stamps a new record (creator, time, version 1). A database-generated key is
/// set on the entities, in the order of the list.
/// </summary>
public sealed class BulkInsert(KehuDbContext db, ICurrentUserAccessor currentUser, TimeProvider clock)
{
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties;
        var generated = key is [{ ValueGenerated: ValueGenerated.OnAdd } only] ? only : null;
        var columns = entityType.GetProperties().Where(p => p != generated && p.GetColumnName(table) is not null).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            if (row is AuditedEntity audited) AuditInterceptor.StampCreated(audited, currentUser.UserId, now);
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside the caller's transaction.");
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, transaction, rows, table, tableName, generated, columns, sql, ct);
            return;
        }

        var head = new StringBuilder("INSERT INTO ").Append(tableName).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ").ToString();
        var setter = generated is null ? null : generated.PropertyInfo ?? throw new InvalidOperationException($"The key {generated.Name} has no property.");

        // Prepared statements, each run many times: SQLite finds a parameter by name with a linear
        // search, so a statement's binding costs the square of its parameters; a few rows a
        // statement (at most MaxParameters) cut the per-statement work of Microsoft.Data.Sqlite
        // without that square growing. A generated key is sqlite3_last_insert_rowid, so such rows
        // go one a statement. The parameters are made once by each column's type mapping (as
        // SaveChanges makes them) and only their values change.
        var perStatement = setter is null ? Math.Clamp(MaxParameters / columns.Count, 1, rows.Count) : 1;
        var handle = ((SqliteConnection)connection).Handle;
        var full = rows.Count / perStatement * perStatement;
        await using (var command = Prepare(perStatement))
        {
            for (var start = 0; start < full; start += perStatement)
            {
                await RunAsync(command, start, perStatement);
                setter?.SetValue(rows[start], raw.sqlite3_last_insert_rowid(handle));
            }
        }
        if (full < rows.Count)
        {
            await using var rest = Prepare(rows.Count - full);
            await RunAsync(rest, full, rows.Count - full);
        }

        async Task RunAsync(Prepared statement, int start, int count)
        {
            for (var r = 0; r < count; r++)
            {
                var row = rows[start + r];
                for (var c = 0; c < columns.Count; c++)
                {
                    var (parameter, getter, converter) = statement.Binds[r * columns.Count + c];
                    parameter.Value = ProviderValue(getter.GetClrValue(row), converter) ?? DBNull.Value;
                }
            }
            await statement.Command.ExecuteNonQueryAsync(ct);
        }

        Prepared Prepare(int count)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var binds = new List<(DbParameter Parameter, IClrPropertyGetter Getter, ValueConverter? Converter)>(count * columns.Count);
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = Parameter(r * columns.Count + c);
                    text.Append(c == 0 ? "" : ", ").Append(name);
                    var mapping = columns[c].GetRelationalTypeMapping();
                    var parameter = mapping.CreateParameter(command, name, null, columns[c].IsNullable);
                    command.Parameters.Add(parameter);
                    binds.Add((parameter, columns[c].GetGetter(), mapping.Converter));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            return new Prepared(command, binds);
        }

        string Parameter(int i) => sql.GenerateParameterNamePlaceholder("p" + i);
    }

    /// <summary>SQLite: the most parameters in one multi-row statement.</summary>
    private const int MaxParameters = 128;

    private sealed record Prepared(DbCommand Command, List<(DbParameter Parameter, IClrPropertyGetter Getter, ValueConverter? Converter)> Binds) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Command.DisposeAsync();
    }

    /// <summary>PostgreSQL: one binary <c>COPY</c> of all the rows. A generated key is taken from the
    /// column's sequence first (<c>nextval</c>, as the column's default would) and written with the
    /// row, so every entity knows its id without reading the rows back.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, DbTransaction transaction, IReadOnlyList<T> rows, StoreObjectIdentifier table,
        string tableName, IProperty? generated, List<IProperty> columns, ISqlGenerationHelper sql, CancellationToken ct) where T : class
    {
        if (generated is not null)
        {
            var setter = generated.PropertyInfo ?? throw new InvalidOperationException($"The key {generated.Name} has no property.");
            var ids = new List<long>(rows.Count);
            await using (var next = new NpgsqlCommand(
                "SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection, (NpgsqlTransaction)transaction))
            {
                next.Parameters.AddWithValue("table", tableName);
                next.Parameters.AddWithValue("column", generated.GetColumnName(table)!);
                next.Parameters.AddWithValue("count", rows.Count);
                await using var reader = await next.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
            }
            if (ids.Count != rows.Count) throw new InvalidOperationException($"Took {ids.Count} ids for {rows.Count} rows.");
            ids.Sort();
            for (var i = 0; i < rows.Count; i++) setter.SetValue(rows[i], ids[i]);
            columns = [generated, .. columns];
        }

        var writes = new List<(IClrPropertyGetter Getter, ValueConverter? Converter, NpgsqlDbType Type, string? TypeName)>(columns.Count);
        await using (var prototype = new NpgsqlCommand())
        {
            foreach (var column in columns)
            {
                // The parameter EF would bind for this column says which PostgreSQL type to write.
                var mapping = column.GetRelationalTypeMapping();
                var parameter = (NpgsqlParameter)mapping.CreateParameter(prototype, "p", null, column.IsNullable);
                var type = parameter.NpgsqlDbType;
                writes.Add((column.GetGetter(), mapping.Converter, type, type == NpgsqlDbType.Unknown ? parameter.DataTypeName ?? BaseType(mapping.StoreType) : null));
            }
        }

        var copy = $"COPY {tableName} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var (getter, converter, type, typeName) in writes)
            {
                var value = ProviderValue(getter.GetClrValue(row), converter);
                if (value is null) await writer.WriteNullAsync(ct);
                else if (typeName is null) await writer.WriteAsync(value, type, ct);
                else await writer.WriteAsync(value, typeName, ct);
            }
        }
        await writer.CompleteAsync(ct);

        static string BaseType(string storeType) => storeType.IndexOf('(') is var i and > 0 ? storeType[..i] : storeType;
    }

    /// <summary>The value as <see cref="RelationalTypeMapping.CreateParameter"/> would bind it: through
    /// the column's converter, an enum without one as its number.</summary>
    private static object? ProviderValue(object? value, ValueConverter? converter) => value switch
    {
        null => null,
        _ when converter is not null => converter.ConvertToProvider(value),
        Enum e => Convert.ChangeType(e, e.GetTypeCode(), CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>Sets a property the entity keeps private (a foreign key EF would fix up on save).</summary>
    public void Set<T>(T entity, string property, object? value) where T : class =>
        (db.Model.FindEntityType(typeof(T))?.FindProperty(property)?.PropertyInfo
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not in the model.")).SetValue(entity, value);
}
