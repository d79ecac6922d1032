using System.Diagnostics;
using System.Globalization;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Seeding;
using Kehu.Web.Platform.Text;

namespace Kehu.Bench.Generate;

public sealed record GenerateOptions(
    DatabaseProvider Provider, string ConnectionString, int Companies, int Contacts, int Records, int Seed);

/// <summary>
/// Fills a database with companies, their name bigrams (the search index), contacts, their search
/// grams (<see cref="ContactSearch"/>) and contact records through the bulk path of <see cref="BulkTarget"/>. Deterministic for a given seed and
/// day: every value comes from seeded <see cref="Random"/>s, times from today's UTC midnight.
/// </summary>
public sealed class Generator(GenerateOptions o, Action<string> logger) : LoadSteps(logger)
{
    /// <summary>More companies than this means bench data is already there.</summary>
    private const int MaxExistingCompanies = 1000;

    private static readonly string[] LoadedTables = ["companies", "company_name_grams", "contacts", "contact_search_grams", "contact_records"];

    internal static readonly Table Companies = new("companies",
    [
        new("id", ColumnType.Long), new("code", ColumnType.Text), new("name", ColumnType.Text), new("normalized_name", ColumnType.Text),
        new("is_customer", ColumnType.Bool), new("is_supplier", ColumnType.Bool), new("level_id", ColumnType.Long),
        new("source_id", ColumnType.Long), new("industry_id", ColumnType.Long), new("region_id", ColumnType.Long),
        new("status_id", ColumnType.Long), new("address", ColumnType.Text), new("phone", ColumnType.Text), new("fax", ColumnType.Text),
        new("website", ColumnType.Text), new("email", ColumnType.Text), new("owner_id", ColumnType.Long),
        new("first_contact_at", ColumnType.Time), new("last_contact_at", ColumnType.Time), new("notes", ColumnType.Text),
        new("version", ColumnType.Int), new("created_at", ColumnType.Time), new("created_by_id", ColumnType.Long),
        new("updated_at", ColumnType.Time), new("updated_by_id", ColumnType.Long),
    ]);

    internal static readonly Table Grams = new("company_name_grams", [new("gram", ColumnType.Text), new("company_id", ColumnType.Long)]);

    private static readonly Table Contacts = new("contacts",
    [
        new("id", ColumnType.Long), new("company_id", ColumnType.Long), new("name", ColumnType.Text), new("gender", ColumnType.Int),
        new("title", ColumnType.Text), new("department", ColumnType.Text), new("mobile", ColumnType.Text), new("phone", ColumnType.Text),
        new("email", ColumnType.Text), new("we_chat", ColumnType.Text), new("birthday", ColumnType.Date), new("is_primary", ColumnType.Bool),
        new("notes", ColumnType.Text), new("version", ColumnType.Int), new("created_at", ColumnType.Time), new("created_by_id", ColumnType.Long),
        new("updated_at", ColumnType.Time), new("updated_by_id", ColumnType.Long),
        new("normalized_name", ColumnType.Text), new("phone_digits", ColumnType.Text),
    ]);

    private static readonly Table ContactGrams = new("contact_search_grams", [new("gram", ColumnType.Text), new("contact_id", ColumnType.Long)]);

    internal static readonly Table Records = new("contact_records",
    [
        new("id", ColumnType.Long), new("contacted_at", ColumnType.Time), new("company_id", ColumnType.Long), new("contact_id", ColumnType.Long),
        new("contact_name", ColumnType.Text), new("method_id", ColumnType.Long), new("content", ColumnType.Text), new("result", ColumnType.Text),
        new("next_contact_at", ColumnType.Time), new("recorder_id", ColumnType.Long), new("version", ColumnType.Int),
        new("created_at", ColumnType.Time), new("created_by_id", ColumnType.Long), new("updated_at", ColumnType.Time), new("updated_by_id", ColumnType.Long),
    ]);

    public async Task<GenerateResult> RunAsync()
    {
        var total = Stopwatch.StartNew();

        await Phase("migrate + demo data (app seeding)", 0, () => AppSeeding.MigrateAndSeedAsync(o.Provider, o.ConnectionString));

        using var db = BulkTarget.Open(o.Provider, o.ConnectionString);
        var existing = db.Scalar("SELECT count(*) FROM companies");
        if (existing > MaxExistingCompanies)
        {
            throw new GenerateRefusedException(
                $"The database already holds {existing:N0} companies, so bench data seems to be loaded. " +
                "generate only loads into a fresh database: " +
                (o.Provider == DatabaseProvider.Sqlite
                    ? "delete the database file (and its -wal/-shm files) and run again."
                    : "DROP DATABASE and CREATE DATABASE, then run again."));
        }

        var users = db.Pairs("SELECT id, normalized_user_name FROM users").ToDictionary(u => u.Text, u => u.Id);
        var missing = DemoData.Users.Select(u => u.Login).Where(l => !users.ContainsKey(l)).ToList();
        if (missing.Count > 0)
        {
            throw new GenerateRefusedException(
                $"The users table lacks the demo users ({string.Join(", ", missing)}): the database was initialised without " +
                "demo data. Use a fresh database; generate then seeds the demo data itself.");
        }

        var options = db.Pairs("SELECT id, list_code || '|' || name FROM option_items ORDER BY sort_order, id");
        long[] Ids(string list) => options.Where(p => p.Text.StartsWith(list + "|", StringComparison.Ordinal)).Select(p => p.Id).ToArray();
        var ctx = new Context
        {
            Levels = Ids(OptionLists.CustomerLevel),
            Sources = Ids(OptionLists.CustomerSource),
            Industries = Ids(OptionLists.Industry),
            Statuses = Ids(OptionLists.CustomerStatus),
            Methods = Ids(OptionLists.ContactMethod),
            RegionByName = options.Where(p => p.Text.StartsWith(OptionLists.Region + "|", StringComparison.Ordinal))
                .ToDictionary(p => p.Text[(OptionLists.Region.Length + 1)..], p => p.Id),
            Users = users,
            Anchor = DateTime.UtcNow.Date,
            FirstCompanyId = db.Scalar("SELECT coalesce(max(id), 0) FROM companies") + 1,
            FirstContactId = db.Scalar("SELECT coalesce(max(id), 0) FROM contacts") + 1,
            FirstRecordId = db.Scalar("SELECT coalesce(max(id), 0) FROM contact_records") + 1,
        };
        var pattern = db.Pairs("SELECT 0, pattern FROM numbering_patterns WHERE document_type = 'company'").Select(p => p.Text).FirstOrDefault()
                      ?? NumberingService.Defaults["company"];
        var today = DateOnly.FromDateTime(ctx.Anchor);
        var period = NumberFormat.Period(pattern, today);
        var lastSeq = db.Scalar($"SELECT coalesce(max(last_value), 0) FROM number_sequences WHERE document_type = 'company' AND period = '{period}'");
        var names = new NameFactory(new Random(o.Seed), db.Pairs("SELECT id, normalized_name FROM companies").Select(p => p.Text));

        log($"Loading {o.Companies:N0} companies, {o.Contacts:N0} contacts, {o.Records:N0} contact records into {o.Provider} " +
            $"(existing: {existing} companies; first new id {ctx.FirstCompanyId}; codes from {NumberFormat.Format(pattern, today, lastSeq + 1)}).");

        db.BeginLoad(LoadedTables);
        var gramsByCompany = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        Load(db, Companies, o.Companies, w => WriteCompanies(w, ctx, names, pattern, today, lastSeq, gramsByCompany));
        var gramRows = gramsByCompany.Values.Sum(l => (long)l.Count);
        Load(db, Grams, gramRows, w => WriteGrams(w, ctx.FirstCompanyId, gramsByCompany));
        gramsByCompany.Clear();
        var gramsByContact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        Load(db, Contacts, o.Contacts, w => WriteContacts(w, ctx, gramsByContact));
        var contactGramRows = gramsByContact.Values.Sum(l => (long)l.Count);
        Load(db, ContactGrams, contactGramRows, w => WriteGrams(w, ctx.FirstContactId, gramsByContact));
        gramsByContact.Clear();
        Load(db, Records, o.Records, w => WriteRecords(w, ctx));

        // PostgreSQL rewrites every updated row and would add it to every index: update first.
        // SQLite updates in place and touches only indexes on changed columns: update last, when
        // the (company_id, contacted_at) index serves the aggregate.
        var contactTimes = $"""
            UPDATE companies SET first_contact_at = r.first_at, last_contact_at = r.last_at
            FROM (SELECT company_id, min(contacted_at) AS first_at, max(contacted_at) AS last_at
                  FROM contact_records WHERE company_id >= {ctx.FirstCompanyId} GROUP BY company_id) AS r
            WHERE companies.id = r.company_id
            """;
        if (o.Provider == DatabaseProvider.Postgres) Sync("first/last contact UPDATE", o.Companies, () => db.Execute(contactTimes));
        Sync("recreate indexes and keys", 0, () => db.RecreateIndexes(log));
        if (o.Provider == DatabaseProvider.Sqlite) Sync("first/last contact UPDATE", o.Companies, () => db.Execute(contactTimes));

        // Keep the app's own numbering and id generation going after the loaded rows.
        var newLast = lastSeq + o.Companies;
        db.Execute($"""
            INSERT INTO number_sequences (document_type, period, last_value) VALUES ('company', '{period}', {newLast})
            ON CONFLICT (document_type, period) DO UPDATE SET last_value = {newLast}
            """);
        if (o.Provider == DatabaseProvider.Postgres)
        {
            foreach (var t in new[] { "companies", "contacts", "contact_records" })
                db.Execute($"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))");
        }
        Sync("commit", 0, db.EndLoad);
        Sync("ANALYZE", 0, () => db.Analyze(LoadedTables));

        total.Stop();
        var counts = LoadedTables.ToDictionary(t => t, t => db.Scalar($"SELECT count(*) FROM {t}"));
        log($"Done in {total.Elapsed.TotalMinutes:0.0} min. Rows now: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"))}.");
        return new GenerateResult(o.Provider.ToString(), o.Companies, o.Contacts, o.Records, gramRows, contactGramRows, total.Elapsed.TotalSeconds, phases, counts);
    }

    private sealed class Context
    {
        public required long[] Levels { get; init; }
        public required long[] Sources { get; init; }
        public required long[] Industries { get; init; }
        public required long[] Statuses { get; init; }
        public required long[] Methods { get; init; }
        public required Dictionary<string, long> RegionByName { get; init; }
        public required Dictionary<string, long> Users { get; init; }
        public required DateTime Anchor { get; init; }
        public required long FirstCompanyId { get; init; }
        public required long FirstContactId { get; init; }
        public required long FirstRecordId { get; init; }
        public long[] Owner { get; set; } = [];
        public long[] CreatedTicks { get; set; } = [];
        public int[] ContactCount { get; set; } = [];
        public string[] ContactNames { get; set; } = [];
    }

    private void WriteCompanies(TableWriter w, Context ctx, NameFactory names, string pattern, DateOnly today, long lastSeq,
        Dictionary<string, List<int>> grams)
    {
        var r = new Random(o.Seed + 1);
        var n = o.Companies;
        ctx.Owner = new long[n];
        ctx.CreatedTicks = new long[n];
        var u = ctx.Users;
        // Customers: xiaolin (the salesperson) owns a third of them, ~30% of all companies.
        long[] customerOwners = [u["xiaolin"], u["xiaolin"], u["xiaolin"], u["zhaojingli"], u["zhaojingli"], u["zhaojingli"],
            u["admin"], u["admin"], u["xiaoli"]];
        long[] supplierOwners = [u["xiaowang"], u["xiaowang"], u["xiaowang"], u["caijingli"]];
        var other = ctx.RegionByName.GetValueOrDefault("其他");
        var start = ctx.Anchor.AddYears(-3);
        var span = (ctx.Anchor - start).Ticks;
        for (var i = 0; i < n; i++)
        {
            var (name, normalized, region) = names.NextCompany();
            foreach (var g in NameNormalizer.Bigrams(normalized))
            {
                if (!grams.TryGetValue(g, out var list)) grams[g] = list = [];
                list.Add(i);
            }
            var roll = r.Next(100);
            var supplierOnly = roll < 10;
            var isCustomer = !supplierOnly;
            var isSupplier = roll < 15;
            var owner = supplierOnly ? supplierOwners[r.Next(supplierOwners.Length)] : customerOwners[r.Next(customerOwners.Length)];
            var created = new DateTime(start.Ticks + span / n * i, DateTimeKind.Utc).AddSeconds(r.Next(3600));
            var changed = r.Next(2) == 0;
            var updated = changed ? created.AddTicks((long)(r.NextDouble() * (ctx.Anchor - created).Ticks)) : created;
            ctx.Owner[i] = owner;
            ctx.CreatedTicks[i] = created.Ticks;
            long? regionId = region is null ? null : ctx.RegionByName.TryGetValue(region, out var rid) ? rid : other;
            var phoneArea = r.Next(10, 999);

            w.Write(ctx.FirstCompanyId + i);
            w.Write(NumberFormat.Format(pattern, today, lastSeq + 1 + i));
            w.Write(name);
            w.Write(normalized);
            w.Write(isCustomer);
            w.Write(isSupplier);
            w.Write(Pick(r, ctx.Levels, 90));
            w.Write(Pick(r, ctx.Sources, 80));
            w.Write(Pick(r, ctx.Industries, 90));
            w.Write(regionId);
            w.Write(Pick(r, ctx.Statuses, 95));
            w.Write($"{region ?? "某"}市{Words.Districts[r.Next(Words.Districts.Length)]}区{Words.BrandFirst[r.Next(Words.BrandFirst.Length)]}{Words.BrandSecond[r.Next(Words.BrandSecond.Length)]}路{r.Next(1, 999)}号");
            w.Write(r.Next(10) < 8 ? $"0{phoneArea}-{r.Next(10000000, 99999999)}" : null);
            w.Write(r.Next(10) < 2 ? $"0{phoneArea}-{r.Next(10000000, 99999999)}" : null);
            w.Write(r.Next(10) < 2 ? $"www.c{ctx.FirstCompanyId + i}.example.cn" : null);
            w.Write(r.Next(10) < 4 ? $"info@c{ctx.FirstCompanyId + i}.example.cn" : null);
            w.Write(owner);
            w.Write((DateTime?)null);
            w.Write((DateTime?)null);
            w.Write(r.Next(20) == 0 ? "老客户介绍，注意维护关系" : null);
            w.Write(changed ? r.Next(2, 6) : 1);
            w.Write(created);
            w.Write(owner);
            w.Write(updated);
            w.Write(owner);
            w.EndRow();
        }
    }

    internal static long? Pick(Random r, long[] ids, int percentSet) =>
        ids.Length == 0 || r.Next(100) >= percentSet ? null : ids[r.Next(ids.Length)];

    /// <summary>Index rows: each gram with the ids (first id + index) of the rows that have it.</summary>
    internal static void WriteGrams(TableWriter w, long firstId, Dictionary<string, List<int>> grams)
    {
        // In primary-key order (gram, company_id): the B-tree is appended to, never split mid-way.
        // Ordinal UTF-16 order equals the databases' byte order for these (BMP) characters.
        foreach (var gram in grams.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var i in grams[gram])
            {
                w.Write(gram);
                w.Write(firstId + i);
                w.EndRow();
            }
        }
    }

    /// <summary>A count per company, varying around the mean, that sums to exactly <paramref name="total"/>.</summary>
    internal static int[] Spread(Random r, int companies, int total)
    {
        var counts = new int[companies];
        if (companies == 0) return counts;
        var max = (int)Math.Round(2.0 * total / companies);
        long sum = 0;
        for (var i = 0; i < companies; i++) sum += counts[i] = r.Next(0, max + 1);
        while (sum < total)
        {
            counts[r.Next(companies)]++;
            sum++;
        }
        while (sum > total)
        {
            var i = r.Next(companies);
            if (counts[i] == 0) continue;
            counts[i]--;
            sum--;
        }
        return counts;
    }

    private void WriteContacts(TableWriter w, Context ctx, Dictionary<string, List<int>> grams)
    {
        var r = new Random(o.Seed + 2);
        var people = new NameFactory(r, []);
        ctx.ContactCount = Spread(r, o.Companies, o.Contacts);
        ctx.ContactNames = new string[o.Contacts];
        var id = ctx.FirstContactId;
        var k = 0;
        for (var i = 0; i < o.Companies; i++)
        {
            var created = new DateTime(ctx.CreatedTicks[i], DateTimeKind.Utc);
            for (var c = 0; c < ctx.ContactCount[i]; c++)
            {
                var name = people.Person();
                ctx.ContactNames[k++] = name;
                var at = created.AddMinutes(r.Next(0, 60 * 24 * 30));
                if (at > ctx.Anchor) at = created;
                w.Write(id);
                w.Write(ctx.FirstCompanyId + i);
                w.Write(name);
                w.Write(r.Next(1, 3));
                w.Write(r.Next(10) < 8 ? Words.Titles[r.Next(Words.Titles.Length)] : null);
                w.Write(r.Next(10) < 5 ? Words.Departments[r.Next(Words.Departments.Length)] : null);
                var mobile = r.Next(10) < 9 ? $"1{r.Next(3, 10)}{r.Next(100000000, 999999999)}" : null;
                var phone = r.Next(10) < 3 ? $"0{r.Next(10, 999)}-{r.Next(10000000, 99999999)}" : null;
                w.Write(mobile);
                w.Write(phone);
                w.Write(r.Next(10) < 3 ? $"p{id}@c{ctx.FirstCompanyId + i}.example.cn" : null);
                w.Write(r.Next(10) < 4 ? $"wx_{r.Next(100000, 9999999)}" : null);
                w.Write(r.Next(10) < 2 ? new DateOnly(r.Next(1960, 2000), r.Next(1, 13), r.Next(1, 29)) : null);
                w.Write(c == 0);
                w.Write(r.Next(30) == 0 ? "逢年过节问候" : null);
                w.Write(1);
                w.Write(at);
                w.Write(ctx.Owner[i]);
                w.Write(at);
                w.Write(ctx.Owner[i]);
                // The search index exactly as the Contact entity writes it.
                var normalized = NameNormalizer.Normalize(name);
                var digits = ContactSearch.Digits(mobile, phone);
                w.Write(normalized);
                w.Write(digits);
                w.EndRow();
                foreach (var g in ContactSearch.Grams(normalized, digits))
                {
                    if (!grams.TryGetValue(g, out var list)) grams[g] = list = [];
                    list.Add(k - 1);
                }
                id++;
            }
        }
    }

    private void WriteRecords(TableWriter w, Context ctx)
    {
        var r = new Random(o.Seed + 3);
        var people = new NameFactory(r, []);
        var counts = Spread(r, o.Companies, o.Records);
        var yearAgo = ctx.Anchor.AddDays(-365);
        var id = ctx.FirstRecordId;
        var contactIndex = 0;
        for (var i = 0; i < o.Companies; i++)
        {
            var created = new DateTime(ctx.CreatedTicks[i], DateTimeKind.Utc);
            var from = created > yearAgo ? created : yearAgo;
            if (from >= ctx.Anchor) from = ctx.Anchor.AddDays(-1);
            var minutes = (int)(ctx.Anchor - from).TotalMinutes;
            var contacts = ctx.ContactCount[i];
            for (var k = 0; k < counts[i]; k++)
            {
                var at = from.AddMinutes(r.Next(minutes));
                long? contactId = null;
                string contactName;
                if (contacts > 0)
                {
                    var c = r.Next(contacts);
                    contactId = ctx.FirstContactId + contactIndex + c;
                    contactName = ctx.ContactNames[contactIndex + c];
                }
                else
                {
                    contactName = people.Person();
                }
                w.Write(id++);
                w.Write(at);
                w.Write(ctx.FirstCompanyId + i);
                w.Write(contactId);
                w.Write(contactName);
                w.Write(ctx.Methods.Length == 0 ? null : ctx.Methods[r.Next(ctx.Methods.Length)]);
                w.Write(Words.Contents[r.Next(Words.Contents.Length)]);
                w.Write(Words.Outcomes[r.Next(Words.Outcomes.Length)]);
                w.Write(r.Next(3) == 0 ? at.AddDays(r.Next(3, 30)) : null);
                w.Write(ctx.Owner[i]);
                w.Write(1);
                w.Write(at);
                w.Write(ctx.Owner[i]);
                w.Write(at);
                w.Write(ctx.Owner[i]);
                w.EndRow();
            }
            contactIndex += contacts;
        }
    }
}

public sealed record PhaseResult(string Phase, long Rows, double Seconds, double RowsPerSecond);

public sealed record GenerateResult(
    string Provider, int Companies, int Contacts, int Records, long Grams, long ContactGrams, double TotalSeconds,
    IReadOnlyList<PhaseResult> Phases, IReadOnlyDictionary<string, long> FinalRowCounts);

public sealed class GenerateRefusedException(string message) : Exception(message);

/// <summary>Passes rows through and prints progress every tenth of the table.</summary>
internal sealed class ProgressWriter(TableWriter inner, string table, long expected, Stopwatch sw, Action<string> log) : TableWriter
{
    private readonly long step = Math.Max(expected / 10, 1);

    public override void Write(long value) => inner.Write(value);
    public override void Write(long? value) => inner.Write(value);
    public override void Write(int value) => inner.Write(value);
    public override void Write(int? value) => inner.Write(value);
    public override void Write(bool value) => inner.Write(value);
    public override void Write(string? value) => inner.Write(value);
    public override void Write(DateTime? value) => inner.Write(value);
    public override void Write(DateOnly? value) => inner.Write(value);
    public override void Write(decimal? value) => inner.Write(value);

    public override void EndRow()
    {
        inner.EndRow();
        if (++Rows % step == 0)
        {
            log(string.Create(CultureInfo.InvariantCulture,
                $"  {table}: {Rows:N0} / {expected:N0} ({100.0 * Rows / expected:0}%), {Rows / sw.Elapsed.TotalSeconds:N0} rows/s"));
        }
    }

    public override void Complete() => inner.Complete();

    public override void Dispose() => inner.Dispose();
}
