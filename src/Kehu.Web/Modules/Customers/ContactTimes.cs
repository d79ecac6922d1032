using System.Data.Common;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kehu.Web.Modules.Customers;

/// <summary>
/// Keeps 首次联系时间 / 最后联系时间 equal to the earliest and latest 联系时间 of each company's
/// contact records. Called in the same transaction as any change to contact records, for every
/// company the change touched (both, when a record moves). One UPDATE with sub-queries, so the
/// company's own version is not bumped and an open company form is not made stale by it.
/// </summary>
public static class ContactTimes
{
    public static async Task RefreshAsync(KehuDbContext db, IReadOnlyCollection<long> companyIds, CancellationToken ct)
    {
        if (companyIds.Count == 0) return;
        var ids = companyIds.Distinct().ToList();
        await db.Companies.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.FirstContactAt, c => db.ContactRecords.Where(r => r.CompanyId == c.Id).Min(r => (DateTime?)r.ContactedAt))
            .SetProperty(c => c.LastContactAt, c => db.ContactRecords.Where(r => r.CompanyId == c.Id).Max(r => (DateTime?)r.ContactedAt)), ct);
    }

    /// <summary>
    /// For records just added, none removed or moved (an import's batch): a company's earliest time
    /// can then only move earlier and its latest later, so each company takes the least and greatest
    /// of its stored times and the new records' times, and only the companies whose times change are
    /// written. Equal to <see cref="RefreshAsync"/> as long as the stored times were right, which every
    /// change of contact records keeps so in its own transaction. A company row not written is also
    /// one PostgreSQL need not copy with its ten index entries.
    /// </summary>
    public static async Task TakeInAsync(KehuDbContext db, IEnumerable<ContactRecord> added, CancellationToken ct)
    {
        var spans = new Dictionary<long, (DateTime First, DateTime Last)>();
        foreach (var record in added)
        {
            var at = record.ContactedAt;
            spans[record.CompanyId] = spans.TryGetValue(record.CompanyId, out var s) ? (at < s.First ? at : s.First, at > s.Last ? at : s.Last) : (at, at);
        }
        if (spans.Count == 0) return;

        var company = db.Model.FindEntityType(typeof(Company))!;
        var table = StoreObjectIdentifier.Table(company.GetTableName()!, company.GetSchema());
        var idProperty = company.FindProperty(nameof(Company.Id))!;
        var firstProperty = company.FindProperty(nameof(Company.FirstContactAt))!;
        var lastProperty = company.FindProperty(nameof(Company.LastContactAt))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var (t, id, first, last) = (sql.DelimitIdentifier(table.Name, table.Schema), sql.DelimitIdentifier(idProperty.GetColumnName(table)!),
            sql.DelimitIdentifier(firstProperty.GetColumnName(table)!), sql.DelimitIdentifier(lastProperty.GetColumnName(table)!));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        if (connection is NpgsqlConnection npgsql)
        {
            // One statement for the batch: the companies' new spans as three arrays.
            await using var update = new NpgsqlCommand(
                $"""
                UPDATE {t} AS c SET {first} = LEAST(c.{first}, v.first), {last} = GREATEST(c.{last}, v.last)
                FROM unnest(@ids, @firsts, @lasts) AS v(id, first, last)
                WHERE c.{id} = v.id AND (c.{first} IS NULL OR c.{last} IS NULL OR v.first < c.{first} OR v.last > c.{last})
                """, npgsql, (NpgsqlTransaction?)transaction);
            update.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. spans.Keys] });
            update.Parameters.Add(new NpgsqlParameter<DateTime[]>("firsts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. spans.Values.Select(s => Utc(s.First))] });
            update.Parameters.Add(new NpgsqlParameter<DateTime[]>("lasts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. spans.Values.Select(s => Utc(s.Last))] });
            await update.ExecuteNonQueryAsync(ct);
            return;
        }

        // SQLite: one prepared statement run once a company (microseconds in process), its
        // parameters made by the columns' own type mappings, so the times compare as stored.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"""
            UPDATE {t} SET {first} = CASE WHEN {first} IS NULL OR @first < {first} THEN @first ELSE {first} END,
                {last} = CASE WHEN {last} IS NULL OR @last > {last} THEN @last ELSE {last} END
            WHERE {id} = @id AND ({first} IS NULL OR {last} IS NULL OR @first < {first} OR @last > {last})
            """;
        DbParameter Parameter(IProperty property, string name)
        {
            var parameter = property.GetRelationalTypeMapping().CreateParameter(command, name, null, property.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }
        var (idParameter, firstParameter, lastParameter) = (Parameter(idProperty, "@id"), Parameter(firstProperty, "@first"), Parameter(lastProperty, "@last"));
        var converter = firstProperty.GetRelationalTypeMapping().Converter;
        foreach (var (companyId, span) in spans)
        {
            idParameter.Value = companyId;
            firstParameter.Value = converter?.ConvertToProvider(span.First) ?? span.First;
            lastParameter.Value = converter?.ConvertToProvider(span.Last) ?? span.Last;
            await command.ExecuteNonQueryAsync(ct);
        }

        static DateTime Utc(DateTime v) => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc);
    }
}
