using System.Data.Common;
using System.Text;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kehu.Web.Platform.Data;

/// <summary>
/// Inserts many new rows of one entity type with plain <c>INSERT … VALUES</c> statements, in the
/// caller's transaction, without the change tracker: for imports, where tracking thousands of rows
/// per batch costs more than writing them (ADR 0016). Columns, names and value conversions come from
/// the EF model, so the rows are exactly what <c>SaveChanges</c> would have written. An
/// <see cref="AuditedEntity"/> is stamped as the audit interceptor stamps a new record (creator,
/// time, version 1). A database-generated key is read back and set on the entities, in the order
/// the rows were written.
/// </summary>
public sealed class BulkInsert(KehuDbContext db, ICurrentUserAccessor currentUser, TimeProvider clock)
{
    /// <summary>PostgreSQL takes up to 65,535 parameters a statement. SQLite finds a parameter by name
    /// with a linear search over the statement's parameters, so binding many costs their square: there
    /// one prepared single-row statement, run once a row, is fastest (it runs in the process).</summary>
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 1_000;

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
        var head = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ").ToString();
        var returning = generated is null ? "" : $" RETURNING {sql.DelimitIdentifier(generated.GetColumnName(table)!)}";
        var mappings = columns.Select(c => (Column: c, Mapping: c.GetRelationalTypeMapping(), Getter: c.GetGetter())).ToList();
        var sqlite = db.Database.IsSqlite();
        var perStatement = sqlite ? 1 : Math.Min(MaxRowsPerStatement, MaxParameters / columns.Count);

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside the caller's transaction.");
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                // An Npgsql command run again with new parameters of the same names wrote its first
                // run's rows again (BulkInsertTests): only SQLite's prepared statement is reused.
                if (command is null || !sqlite || command.Parameters.Count != chunk.Length * mappings.Count)
                {
                    if (command is not null) await command.DisposeAsync();
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = head + string.Join(", ", Enumerable.Range(0, chunk.Length).Select(r =>
                        "(" + string.Join(", ", mappings.Select((_, c) => Parameter(r * mappings.Count + c))) + ")")) + returning;
                }
                command.Parameters.Clear();
                var n = 0;
                foreach (var row in chunk)
                {
                    foreach (var (column, mapping, getter) in mappings)
                        command.Parameters.Add(mapping.CreateParameter(command, Parameter(n++), getter.GetClrValue(row), column.IsNullable));
                }
                if (generated is null) await command.ExecuteNonQueryAsync(ct);
                else await SetKeysAsync(command, chunk, generated, ct);
            }
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }

        string Parameter(int i) => sql.GenerateParameterNamePlaceholder("p" + i);
    }

    /// <summary>PostgreSQL numbers the rows of one statement in the order of its VALUES but does not
    /// promise RETURNING's order: the ids are sorted and given out in the rows' order.</summary>
    private static async Task SetKeysAsync<T>(DbCommand command, T[] chunk, IProperty key, CancellationToken ct)
    {
        var ids = new List<long>(chunk.Length);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        if (ids.Count != chunk.Length) throw new InvalidOperationException($"Inserted {chunk.Length} rows but read back {ids.Count} ids.");
        ids.Sort();
        var setter = key.PropertyInfo ?? throw new InvalidOperationException($"The key {key.Name} has no property.");
        for (var i = 0; i < chunk.Length; i++) setter.SetValue(chunk[i], ids[i]);
    }

    /// <summary>Sets a property the entity keeps private (a foreign key EF would fix up on save).</summary>
    public void Set<T>(T entity, string property, object? value) where T : class =>
        (db.Model.FindEntityType(typeof(T))?.FindProperty(property)?.PropertyInfo
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not in the model.")).SetValue(entity, value);
}
