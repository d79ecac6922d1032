using System.Data.Common;
using System.Text;
using Kehu.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kehu.Bench.Run;

/// <summary>How a name search finds its rows.</summary>
public enum SearchShape
{
    /// <summary>What the app runs today (CompanyScope.Search + ListCompanies): the bigram rows
    /// joined to companies, ordered by the company's id.</summary>
    AppJoin,

    /// <summary>Alternative: <c>id IN (SELECT company_id FROM company_name_grams WHERE gram = @gram)</c>,
    /// ordered by id. SQLite builds the whole id list of the bigram first, but needs no sort.</summary>
    InSubquery,

    /// <summary>Alternative: the app's join, ordered by the bigram row's <c>company_id</c> (equal to
    /// the company id). The bigram index (gram, company_id) is then read backwards in page order and
    /// the read stops after a page of matches: no sort, no full list.</summary>
    GramOrder,
}

public sealed record SqlQuery(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>
/// The queries the company list, search and detail run, written by hand in the shape EF Core
/// generates them (same columns, joins, keyset condition, LIMIT, and the capped COUNT the list
/// shows as "10,000+"), run over plain ADO.NET with the same pooled connection string. Plus a few
/// alternative shapes, to measure what a change to the app would buy.
/// </summary>
public sealed class RawSql : IAsyncDisposable
{
    public const int CountCap = 10_000;
    public const int PageRows = 21;

    private const string Columns = """
        "c"."id", "c"."address", "c"."code", "c"."created_at", "c"."created_by_id", "c"."email", "c"."fax", "c"."first_contact_at",
        "c"."industry_id", "c"."is_customer", "c"."is_supplier", "c"."last_contact_at", "c"."level_id", "c"."name", "c"."normalized_name",
        "c"."notes", "c"."owner_id", "c"."phone", "c"."region_id", "c"."source_id", "c"."status_id", "c"."updated_at", "c"."updated_by_id",
        "c"."version", "c"."website"
        """;

    // The data scope of a user who does not see all data and manages no department (DataScope.Owned).
    private const string Scope = """ "c"."owner_id" IN (SELECT "u"."id" FROM "users" AS "u" WHERE "u"."id" = @me) """;

    private readonly DatabaseProvider provider;
    private readonly string connectionString;
    private readonly NpgsqlDataSource? postgres;

    public RawSql(DatabaseProvider provider, string connectionString)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        if (provider == DatabaseProvider.Postgres) postgres = NpgsqlDataSource.Create(DatabaseSetup.PostgresConnectionString(connectionString));
    }

    /// <summary>Substring test as EF Core translates <c>string.Contains(parameter)</c>: SQLite
    /// <c>instr(column, @term) > 0</c>; Npgsql <c>column LIKE @term</c> with the term escaped and
    /// wrapped in % on the client (see <see cref="TermValue"/>).</summary>
    private string Contains(string column, string parameter) => provider == DatabaseProvider.Postgres
        ? $"{column} LIKE {parameter}"
        : $"instr({column}, {parameter}) > 0";

    private string TermValue(string term) => provider == DatabaseProvider.Postgres
        ? "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"
        : term;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (postgres is not null) return await postgres.OpenConnectionAsync(ct);
        var c = new SqliteConnection(connectionString);
        await c.OpenAsync(ct);
        return c;
    }

    // ---- SQL, in EF Core's shape ----

    public static SqlQuery ListPage(long? beforeId, long? me)
    {
        var where = new List<string>();
        if (me is not null) where.Add(Scope);
        if (beforeId is not null) where.Add("\"c\".\"id\" < @cursor");
        return new($"""
            SELECT {Columns}
            FROM "companies" AS "c"
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY "c"."id" DESC
            LIMIT @p
            """, [("cursor", beforeId), ("me", me), ("p", PageRows)]);
    }

    /// <summary>The list's total, capped: counts the filtered list (not the cursor's remainder).</summary>
    public static SqlQuery ListCount(long? me) => new($"""
        SELECT COUNT(*) FROM (SELECT 1 FROM "companies" AS "c" {(me is null ? "" : "WHERE " + Scope)} LIMIT @p) AS "c0"
        """, [("me", me), ("p", CountCap + 1)]);

    private string SearchFrom(SearchShape shape, long? me) => shape switch
    {
        SearchShape.AppJoin or SearchShape.GramOrder => $"""
            FROM "company_name_grams" AS "g"
            INNER JOIN {(me is null ? "\"companies\"" : $"(SELECT * FROM \"companies\" AS \"c\" WHERE {Scope})")} AS "c" ON "g"."company_id" = "c"."id"
            WHERE "g"."gram" = @gram AND {Contains("\"c\".\"normalized_name\"", "@term")}
            """,
        SearchShape.InSubquery => $"""
            FROM "companies" AS "c"
            WHERE "c"."id" IN (SELECT "g"."company_id" FROM "company_name_grams" AS "g" WHERE "g"."gram" = @gram)
              {(me is null ? "" : "AND " + Scope)} AND {Contains("\"c\".\"normalized_name\"", "@term")}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    public SqlQuery SearchPage(string gram, string term, long? me, SearchShape shape) => new($"""
        SELECT {Columns}
        {SearchFrom(shape, me)}
        ORDER BY {(shape == SearchShape.GramOrder ? "\"g\".\"company_id\"" : "\"c\".\"id\"")} DESC
        LIMIT @p
        """, [("gram", gram), ("term", TermValue(term)), ("me", me), ("p", PageRows)]);

    public SqlQuery SearchCount(string gram, string term, long? me, SearchShape shape) => new($"""
        SELECT COUNT(*) FROM (SELECT 1 {SearchFrom(shape, me)} LIMIT @p) AS "s"
        """, [("gram", gram), ("term", TermValue(term)), ("me", me), ("p", CountCap + 1)]);

    /// <summary>Alternative count for a two-character term seen by someone who sees all data: every
    /// company with the bigram contains the term, so the bigram index alone answers.</summary>
    public static SqlQuery GramOnlyCount(string gram, int cap = CountCap + 1) => new("""
        SELECT COUNT(*) FROM (SELECT 1 FROM "company_name_grams" AS "g" WHERE "g"."gram" = @gram LIMIT @p) AS "s"
        """, [("gram", gram), ("p", cap)]);

    public static SqlQuery Detail(long id) => new($"""
        SELECT {Columns}
        FROM "companies" AS "c"
        WHERE "c"."id" = @id
        LIMIT 1
        """, [("id", id)]);

    // ---- contacts: search through contact_search_grams (ContactSearch) ----

    private const string ContactColumns = """
        "c"."id", "c"."birthday", "c"."company_id", "c"."created_at", "c"."created_by_id", "c"."department", "c"."email",
        "c"."gender", "c"."is_primary", "c"."mobile", "c"."name", "c"."normalized_name", "c"."notes", "c"."phone",
        "c"."phone_digits", "c"."title", "c"."updated_at", "c"."updated_by_id", "c"."version", "c"."we_chat"
        """;

    /// <summary>A contact's search: what was typed, normalised (the digits alone for a number), and its grams.</summary>
    public sealed record ContactTerm(string Text, bool IsNumber, IReadOnlyList<string> Grams)
    {
        /// <summary>The term is its own gram, so no substring test.</summary>
        public bool Exact => IsNumber ? Text.Length == 4 : Text.Length <= 2;
    }

    public static SqlQuery ContactGramCount(string gram, int cap) => new("""
        SELECT COUNT(*) FROM (SELECT 1 FROM "contact_search_grams" AS "g" WHERE "g"."gram" = @gram LIMIT @p) AS "s"
        """, [("gram", gram), ("p", cap)]);

    /// <summary>The gram rows joined to the contacts of visible companies (someone who sees all data:
    /// every company), with the substring test when the term is longer than its gram.</summary>
    private string ContactSearchFrom(ContactTerm term) => $"""
        FROM "contact_search_grams" AS "g"
        INNER JOIN (
            SELECT * FROM "contacts" AS "c"
            WHERE EXISTS (SELECT 1 FROM "companies" AS "c0" WHERE "c0"."id" = "c"."company_id")
            {(term.Exact ? "" : "AND " + Contains(term.IsNumber ? "\"c\".\"phone_digits\"" : "\"c\".\"normalized_name\"", "@term"))}
        ) AS "c" ON "g"."contact_id" = "c"."id"
        WHERE "g"."gram" = @gram
        """;

    public SqlQuery ContactSearchPage(string gram, ContactTerm term) => new($"""
        SELECT {ContactColumns}
        {ContactSearchFrom(term)}
        ORDER BY "g"."contact_id" DESC
        LIMIT @p
        """, [("gram", gram), ("term", TermValue(term.Text)), ("p", PageRows)]);

    public SqlQuery ContactSearchCount(string gram, ContactTerm term) => new($"""
        SELECT COUNT(*) FROM (SELECT 1 {ContactSearchFrom(term)} LIMIT @p) AS "s"
        """, [("gram", gram), ("term", TermValue(term.Text)), ("p", CountCap + 1)]);

    /// <summary>What the contacts API does for <c>q</c>, for someone who sees all data: probe the
    /// term's grams for the rarest (capped, index-only counts), read a page through it in id order,
    /// count the first page the way <c>GramSearch.CountAsync</c> does, and look up the page's
    /// company names.</summary>
    public async Task<List<long>> ContactSearchAsync(ContactTerm term, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var gram = term.Grams[0];
        var fewest = long.MaxValue;
        foreach (var g in term.Grams.Take(8))
        {
            var n = await ScalarAsync(conn, ContactGramCount(g, (int)Math.Min(fewest, 20_001)), ct);
            if (n < fewest) (fewest, gram) = (n, g);
            if (n == 0) break;
        }
        var ids = new List<long>(PageRows);
        var companies = new HashSet<long>();
        await using (var cmd = Command(conn, ContactSearchPage(gram, term)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            var values = new object[r.FieldCount];
            while (await r.ReadAsync(ct))
            {
                r.GetValues(values);
                ids.Add(r.GetInt64(0));
                companies.Add(r.GetInt64(2));
            }
        }
        if (term.Exact)
        {
            if (fewest > CountCap) await ScalarAsync(conn, ContactGramCount(gram, CountCap + 1), ct);
        }
        else if (fewest <= 20_000)
        {
            await ScalarAsync(conn, ContactSearchCount(gram, term), ct);
        }
        if (companies.Count > 0)
        {
            var names = companies.Select((id, i) => ($"id{i}", (object?)id)).ToList();
            await using var cmd = Command(conn, new SqlQuery(
                $"""SELECT "c"."id", "c"."name" FROM "companies" AS "c" WHERE "c"."id" IN ({string.Join(", ", names.Select(n => "@" + n.Item1))})""", names));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) _ = r.GetString(1);
        }
        return ids;
    }

    // ---- execution ----

    /// <summary>One list page (keyset before <paramref name="beforeId"/>, newest first, optionally
    /// the user's data scope); then, like the app, the capped count.</summary>
    public async Task<List<long>> ListAsync(long? beforeId, long? me, bool withCount, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var ids = await PageAsync(conn, ListPage(beforeId, me), ct);
        if (withCount) await ScalarAsync(conn, ListCount(me), ct);
        return ids;
    }

    public async Task<List<long>> SearchAsync(string gram, string term, long? me, bool withCount, SearchShape shape, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var ids = await PageAsync(conn, SearchPage(gram, term, me, shape), ct);
        if (withCount) await ScalarAsync(conn, SearchCount(gram, term, me, shape), ct);
        return ids;
    }

    /// <summary>Alternative, the shape recommended for the app: search through the rarest bigram of
    /// the term (probed with capped, index-only counts), page in bigram-index order, and, for a
    /// two-character term seen by someone who sees all data, count from the bigram index alone.</summary>
    public async Task<List<long>> SearchBestAsync(IReadOnlyList<string> grams, string term, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var gram = grams[0];
        if (grams.Count > 1)
        {
            var best = long.MaxValue;
            foreach (var g in grams)
            {
                // Only which bigram is rarest matters, so the probe stops early.
                var n = await ScalarAsync(conn, GramOnlyCount(g, 1000), ct);
                if (n < best) (best, gram) = (n, g);
            }
        }
        var ids = await PageAsync(conn, SearchPage(gram, term, null, SearchShape.GramOrder), ct);
        await ScalarAsync(conn, term.Length == 2 ? GramOnlyCount(gram) : SearchCount(gram, term, null, SearchShape.GramOrder), ct);
        return ids;
    }

    /// <summary>What the app's SqlitePragmas interceptor runs on every (pooled) connection open.</summary>
    public const string AppSqlitePragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    public async Task<long?> DetailAsync(long id, CancellationToken ct, bool withAppPragmas = false)
    {
        await using var conn = await OpenAsync(ct);
        if (withAppPragmas)
        {
            await using var pragmas = Command(conn, new SqlQuery(AppSqlitePragmas, []));
            await pragmas.ExecuteNonQueryAsync(ct);
        }
        var ids = await PageAsync(conn, Detail(id), ct);
        return ids.Count == 0 ? null : ids[0];
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await ScalarAsync(conn, new SqlQuery(sql, []), ct);
    }

    /// <summary>Runs a query and reads every row (as the app materialises a report's grouped rows).</summary>
    public async Task<List<object?[]>> RowsAsync(SqlQuery q, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, q);
        cmd.CommandTimeout = 600;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await r.ReadAsync(ct))
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The plan the database picks: EXPLAIN QUERY PLAN (SQLite) or EXPLAIN ANALYZE (PostgreSQL).</summary>
    public async Task<string> ExplainAsync(SqlQuery q, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var prefix = provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " : "EXPLAIN QUERY PLAN ";
        await using var cmd = Command(conn, new SqlQuery(prefix + q.Sql, q.Parameters));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var sb = new StringBuilder();
        // SQLite gives (id, parent, notused, detail) rows; indent by nesting.
        var depth = new Dictionary<int, int> { [0] = -1 };
        while (await r.ReadAsync(ct))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                sb.AppendLine(r.GetString(0));
                continue;
            }
            var d = depth[r.GetInt32(0)] = depth.GetValueOrDefault(r.GetInt32(1), -1) + 1;
            sb.Append(' ', 2 * d).AppendLine(r.GetString(3));
        }
        return sb.ToString();
    }

    private static DbCommand Command(DbConnection conn, SqlQuery q)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = q.Sql;
        foreach (var (name, value) in q.Parameters)
        {
            if (!ContainsParameter(q.Sql, name)) continue;
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static bool ContainsParameter(string sql, string name)
    {
        for (var i = sql.IndexOf("@" + name, StringComparison.Ordinal); i >= 0; i = sql.IndexOf("@" + name, i + 1, StringComparison.Ordinal))
        {
            var end = i + 1 + name.Length;
            if (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) return true;
        }
        return false;
    }

    private static async Task<long> ScalarAsync(DbConnection conn, SqlQuery q, CancellationToken ct)
    {
        await using var cmd = Command(conn, q);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a company query and materialises every row, typed, as EF Core would.</summary>
    private static async Task<List<long>> PageAsync(DbConnection conn, SqlQuery q, CancellationToken ct)
    {
        await using var cmd = Command(conn, q);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<long>(PageRows);
        while (await r.ReadAsync(ct))
        {
            var row = new RawCompany(
                r.GetInt64(0), Str(r, 1), r.GetString(2), r.GetDateTime(3), Long(r, 4), Str(r, 5), Str(r, 6), Time(r, 7),
                Long(r, 8), r.GetBoolean(9), r.GetBoolean(10), Time(r, 11), Long(r, 12), r.GetString(13), r.GetString(14),
                Str(r, 15), r.GetInt64(16), Str(r, 17), Long(r, 18), Long(r, 19), Long(r, 20), r.GetDateTime(21), Long(r, 22),
                r.GetInt32(23), Str(r, 24));
            ids.Add(row.Id);
        }
        return ids;
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null) await postgres.DisposeAsync();
        if (provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
    }

    private sealed record RawCompany(
        long Id, string? Address, string Code, DateTime CreatedAt, long? CreatedById, string? Email, string? Fax, DateTime? FirstContactAt,
        long? IndustryId, bool IsCustomer, bool IsSupplier, DateTime? LastContactAt, long? LevelId, string Name, string NormalizedName,
        string? Notes, long OwnerId, string? Phone, long? RegionId, long? SourceId, long? StatusId, DateTime UpdatedAt, long? UpdatedById,
        int Version, string? Website);
}
