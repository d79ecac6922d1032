using System.Text.Json;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Customers.Pages.Companies;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>客户信息表 from a file: a row matching a company the user may edit (by 客户编号, else by
/// normalised 单位名称) updates it, any other row creates one; the rules are the company form's
/// (<see cref="SaveCompany.ValidateAsync(DataScope, CompanyInput, Company?, bool, CancellationToken)"/>).</summary>
public sealed class CompanyImport : IImportKind
{
    public string Name => "companies";
    public string Title => "客户信息表";
    public string ListUrl => "/customers/companies";

    /// <summary>Import fields by the API's field names (what a validation error names).</summary>
    private static readonly Dictionary<string, string> ImportKeys = new(StringComparer.Ordinal)
    {
        ["name"] = "name", ["roles"] = "roles", ["levelId"] = "level", ["sourceId"] = "source", ["industryId"] = "industry",
        ["regionId"] = "region", ["statusId"] = "status", ["address"] = "address", ["phone"] = "phone", ["fax"] = "fax",
        ["website"] = "website", ["email"] = "email", ["ownerId"] = "owner", ["notes"] = "notes",
    };

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("code", "客户编号"),
        new("name", "单位名称", Required: true),
        new("roles", "类型"),
        new("level", "客户等级"),
        new("source", "客户来源"),
        new("industry", "所属行业"),
        new("region", "所在地区"),
        new("status", "客户状态"),
        new("address", "地址"),
        new("phone", "电话"),
        new("fax", "传真"),
        new("website", "网址"),
        new("email", "邮箱"),
        new("owner", "负责人"),
        new("notes", "备注"),
    ];

    public IReadOnlyDictionary<string, object> Example { get; } = new Dictionary<string, object>
    {
        ["name"] = "上海示例贸易有限公司",
        ["roles"] = "客户",
        ["level"] = "普通客户",
        ["status"] = "潜在",
        ["address"] = "上海市浦东新区示例路 1 号",
        ["phone"] = "021-12345678",
        ["email"] = "info@example.com",
        ["notes"] = "",
    };

    /// <summary>Anyone signed in may create companies (the form asks no more); they become the owner
    /// or name one they may assign.</summary>
    public Task<Error?> RefusalAsync(long userId, CancellationToken ct) => Task.FromResult<Error?>(null);

    public async Task<IImportSession> StartAsync(IServiceProvider services, long userId, CancellationToken ct)
    {
        var db = services.GetRequiredService<KehuDbContext>();
        var scope = await services.GetRequiredService<DataScopeProvider>().ForAsync(userId, ct);
        var byName = await ImportLookups.UsersByNameAsync(db, ct);
        return new Session(this, db, scope, byName, services.GetRequiredService<SaveCompany>(), services.GetRequiredService<DeleteCompany>(),
            services.GetRequiredService<CustomerLookups>(), services.GetRequiredService<NumberingService>(), services.GetRequiredService<BulkInsert>(),
            services.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    private sealed record Plan(long? ExistingId, CompanyDetails Details);

    private sealed class Session(
        CompanyImport kind, KehuDbContext db, DataScope scope, Dictionary<string, long> users, SaveCompany save, DeleteCompany delete,
        CustomerLookups lookups, NumberingService numbering, BulkInsert bulk, IStringLocalizer l) : IImportSession
    {
        /// <summary>Normalised names and codes seen in the file so far, with their row.</summary>
        private readonly SeenKeys seen = new();

        public void Remember(ImportRow row)
        {
            foreach (var key in Keys(row)) seen.Remember(key, row.Number);
        }

        private static IEnumerable<string> Keys(ImportRow row)
        {
            if (row.Text("code") is { } code) yield return "#" + code.ToUpperInvariant();
            if (NameNormalizer.Normalize(row.Text("name")) is { Length: > 0 } name) yield return name;
        }

        public async Task<IReadOnlyList<RowOutcome>> CheckAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
        {
            var names = rows.Select(r => NameNormalizer.Normalize(r.Text("name"))).Where(n => n.Length > 0).Distinct().ToList();
            var codes = rows.Select(r => r.Text("code")?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
            var existing = await db.Companies.AsNoTracking()
                .Where(c => names.Contains(c.NormalizedName) || codes.Contains(c.Code)).ToListAsync(ct);
            var ids = existing.Select(c => c.Id).ToList();
            var shared = (await CompanyScope.SharedAmongAsync(db, scope, ids, ct));
            var byName = existing.ToDictionary(c => c.NormalizedName, StringComparer.Ordinal);
            var byCode = existing.ToDictionary(c => c.Code, StringComparer.Ordinal);
            var outcomes = new List<RowOutcome>(rows.Count);
            foreach (var row in rows)
            {
                outcomes.Add(await CheckRowAsync(row, byName, byCode, shared, ct));
                Remember(row);
            }
            return outcomes;
        }

        private async Task<RowOutcome> CheckRowAsync(ImportRow row, Dictionary<string, Company> byName, Dictionary<string, Company> byCode, HashSet<long> shared, CancellationToken ct)
        {
            var problems = new RowProblems(row.Number, kind.Fields, l);
            foreach (var key in Keys(row))
            {
                if (seen.TryGetFirst(key, out var first))
                {
                    problems.Add(key.StartsWith('#') ? "code" : "name", l["与第 {0} 行重复", first]);
                    return problems.Bad();
                }
            }
            bool Visible(Company c) => scope.SeesAll || scope.OwnerIds.Contains(c.OwnerId) || shared.Contains(c.Id);

            Company? match = null;
            var name = row.Text("name");
            var normalized = NameNormalizer.Normalize(name);
            if (row.Text("code") is { } code)
            {
                if (!byCode.TryGetValue(code.ToUpperInvariant(), out match) || !Visible(match))
                {
                    problems.Add("code", l["客户编号 {0} 不存在或无权访问", code]);
                    return problems.Bad();
                }
            }
            if (normalized.Length > 0 && byName.TryGetValue(normalized, out var named) && named.Id != match?.Id)
            {
                if (match is not null || !Visible(named))
                {
                    problems.Add("name", Visible(named) ? l["单位名称已存在：{0}（{1}）", named.Name, named.Code] : l["单位名称已被你无权修改的客户使用"]);
                    return problems.Bad();
                }
                match = named;
            }

            var input = match is null ? new CompanyInput() : CompanyInput.From(match);
            if (row.Cells.ContainsKey("name")) input.Name = name;
            if (row.Cells.ContainsKey("roles")) input.Roles = Roles(row, problems) ?? input.Roles;
            input.LevelId = await OptionAsync(row, "level", OptionLists.CustomerLevel, input.LevelId, problems, ct);
            input.SourceId = await OptionAsync(row, "source", OptionLists.CustomerSource, input.SourceId, problems, ct);
            input.IndustryId = await OptionAsync(row, "industry", OptionLists.Industry, input.IndustryId, problems, ct);
            input.RegionId = await OptionAsync(row, "region", OptionLists.Region, input.RegionId, problems, ct);
            input.StatusId = await OptionAsync(row, "status", OptionLists.CustomerStatus, input.StatusId, problems, ct);
            if (row.Cells.ContainsKey("address")) input.Address = row.Text("address");
            if (row.Cells.ContainsKey("phone")) input.Phone = row.Text("phone");
            if (row.Cells.ContainsKey("fax")) input.Fax = row.Text("fax");
            if (row.Cells.ContainsKey("website")) input.Website = row.Text("website");
            if (row.Cells.ContainsKey("email")) input.Email = row.Text("email");
            if (row.Cells.ContainsKey("notes")) input.Notes = row.Text("notes");
            if (row.Text("owner") is { } owner)
            {
                if (users.TryGetValue(owner, out var ownerId)) input.OwnerId = ownerId;
                else problems.Add("owner", l["{0}“{1}”不存在", problems.Label("owner"), owner]);
            }
            if (match is not null && shared.Contains(match.Id) && !scope.OwnerIds.Contains(match.OwnerId) && !scope.SeesAll && input.OwnerId != match.OwnerId)
                problems.Add("owner", l["共享给你的客户不能更改负责人"]);
            if (problems.Items.Count > 0) return problems.Bad();

            var checkedInput = await save.ValidateAsync(scope, input, match, checkNameClash: false, ct);
            if (!checkedInput.IsSuccess)
            {
                problems.Add(checkedInput.Error!, ImportKeys, "name");
                return problems.Bad();
            }
            if (match is not null && checkedInput.Value == DetailsOf(match)) return new RowOutcome(row.Number, RowAction.Skip, []);
            return new RowOutcome(row.Number, match is null ? RowAction.Create : RowAction.Update, [], new Plan(match?.Id, checkedInput.Value));
        }

        private List<string>? Roles(ImportRow row, RowProblems problems)
        {
            if (row.Text("roles") is not { } text) return null;
            var roles = new List<string>();
            foreach (var part in text.Split([',', '，', '/', '、', ';', '；', ' ', '+'], StringSplitOptions.RemoveEmptyEntries))
            {
                var role = part.ToLowerInvariant() switch
                {
                    "客户" or "customer" => "customer",
                    "供应商" or "supplier" => "supplier",
                    _ => null,
                };
                if (role is null) problems.Add("roles", l["{0}的取值“{1}”无效", problems.Label("roles"), part]);
                else roles.Add(role);
            }
            return roles;
        }

        /// <summary>An option by its name in its list; an unmapped column keeps the current value.</summary>
        private async Task<long?> OptionAsync(ImportRow row, string key, string list, long? current, RowProblems problems, CancellationToken ct)
        {
            if (!row.Cells.ContainsKey(key)) return current;
            if (row.Text(key) is not { } text) return null;
            var option = await ImportLookups.OptionAsync(lookups, list, text, ct);
            if (option is null) problems.Add(key, l["{0}的取值“{1}”不存在", problems.Label(key), text]);
            return option?.Id ?? current;
        }

        public async Task<IReadOnlyList<ImportedRow>> WriteAsync(long jobId, IReadOnlyList<RowOutcome> rows, CancellationToken ct)
        {
            var creates = rows.Where(r => r.Action == RowAction.Create).ToList();
            var updates = rows.Where(r => r.Action == RowAction.Update).ToList();
            var codes = await numbering.NextManyAsync("company", creates.Count, ct);
            var created = creates.Select((r, i) => (r.Row, Company: new Company(codes[i], ((Plan)r.Plan!).Details))).ToList();
            await bulk.InsertAsync([.. created.Select(c => c.Company)], ct);
            foreach (var (_, company) in created)
            {
                foreach (var gram in company.NameGrams) bulk.Set(gram, nameof(CompanyNameGram.CompanyId), company.Id);
            }
            // In gram order, the order of the grams' primary key: each insert lands next to the last
            // one instead of anywhere in an index far larger than SQLite's page cache.
            var grams = created.SelectMany(c => c.Company.NameGrams).ToList();
            grams.Sort(static (a, b) => string.CompareOrdinal(a.Gram, b.Gram) is var byGram and not 0 ? byGram : a.CompanyId.CompareTo(b.CompanyId));
            await bulk.InsertAsync(grams, ct);

            var ids = updates.Select(r => ((Plan)r.Plan!).ExistingId!.Value).ToList();
            var tracked = await db.Companies.Include(c => c.NameGrams).Include(c => c.Shares).AsSplitQuery()
                .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var previous = new List<(int Row, Company Company, string Json)>(updates.Count);
            foreach (var r in updates)
            {
                var plan = (Plan)r.Plan!;
                var company = tracked[plan.ExistingId!.Value];
                previous.Add((r.Row, company, JsonSerializer.Serialize(DetailsOf(company))));
                company.Apply(plan.Details);
            }
            await db.SaveChangesAsync(ct);
            return
            [
                .. created.Select(c => new ImportedRow(jobId, c.Row, nameof(Company), c.Company.Id, ImportedAction.Created, null, c.Company.Version)),
                .. previous.Select(p => new ImportedRow(jobId, p.Row, nameof(Company), p.Company.Id, ImportedAction.Updated, p.Json, p.Company.Version)),
            ];
        }

        private static CompanyDetails DetailsOf(Company c) => new(c.Name, c.IsCustomer, c.IsSupplier, c.LevelId, c.SourceId, c.IndustryId,
            c.RegionId, c.StatusId, c.Address, c.Phone, c.Fax, c.Website, c.Email, c.OwnerId, c.Notes);

        public async Task<Error?> UndoAsync(IReadOnlyList<ImportedRow> journal, CancellationToken ct)
        {
            foreach (var chunk in journal.Chunk(500))
            {
                var ids = chunk.Select(j => j.EntityId).ToList();
                var companies = await db.Companies.Include(c => c.NameGrams).Include(c => c.Shares).AsSplitQuery()
                    .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                foreach (var entry in chunk)
                {
                    if (!companies.TryGetValue(entry.EntityId, out var company)) continue;
                    if (company.Version != entry.VersionAfter)
                        return Error.Conflict(l["客户 {0}（{1}）在导入后已被修改，不能撤销这次导入", company.Name, company.Code]);
                    if (entry.Action == ImportedAction.Created)
                    {
                        if (await delete.BlockerAsync(company.Id, ct) is { } blocker)
                            return Error.Conflict(l["客户 {0}（{1}）不能删除，不能撤销这次导入：{2}", company.Name, company.Code, blocker]);
                        db.Companies.Remove(company);
                    }
                    else
                    {
                        company.Apply(JsonSerializer.Deserialize<CompanyDetails>(entry.PreviousJson!)!);
                    }
                }
            }
            return null;
        }
    }
}
