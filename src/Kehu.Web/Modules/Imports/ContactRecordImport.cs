using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Customers.Pages.ContactRecords;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>联系记录 from a file. Every row creates a record (a record has no code or name to match
/// an existing one by); the same company, 联系时间 and 联系人 twice in the file is a duplicate.
/// 单位名称 finds a company the user may see, 联系人 a contact of that company by name, or is kept as
/// typed (as the form allows). Times are the company's local time. The companies' 首次/最后联系时间
/// are refreshed once per batch (<see cref="ContactTimes.RefreshAsync"/>, which writes only those that change). The rules are the form's (<see cref="SaveContactRecord.ValidateAsync"/>).</summary>
public sealed class ContactRecordImport : IImportKind
{
    public string Name => "contact-records";
    public string Title => "联系记录";
    public string ListUrl => "/customers/contact-records";

    private static readonly Dictionary<string, string> ImportKeys = new(StringComparer.Ordinal)
    {
        ["contactedAt"] = "contactedAt", ["companyId"] = "company", ["contactId"] = "contact", ["contactName"] = "contact",
        ["methodId"] = "method", ["content"] = "content", ["result"] = "result", ["nextContactAt"] = "nextContactAt", ["recorderId"] = "recorder",
    };

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("contactedAt", "联系时间", Required: true),
        new("company", "单位名称", Required: true),
        new("contact", "联系人", Required: true),
        new("method", "联系方式"),
        new("content", "联系内容"),
        new("result", "联系结果"),
        new("nextContactAt", "下次联系时间"),
        new("recorder", "记录人"),
    ];

    public IReadOnlyDictionary<string, object> Example { get; } = new Dictionary<string, object>
    {
        ["contactedAt"] = "2026-11-20 10:30",
        ["company"] = "上海示例贸易有限公司",
        ["contact"] = "张三",
        ["method"] = "电话",
        ["content"] = "介绍新产品",
        ["nextContactAt"] = "2026-12-01 09:00",
    };

    /// <summary>Whoever may see a company may record contacts with it (the form asks no more).</summary>
    public Task<Error?> RefusalAsync(long userId, CancellationToken ct) => Task.FromResult<Error?>(null);

    public async Task<IImportSession> StartAsync(IServiceProvider services, long userId, CancellationToken ct)
    {
        var db = services.GetRequiredService<KehuDbContext>();
        var scope = await services.GetRequiredService<DataScopeProvider>().ForAsync(userId, ct);
        var byName = await ImportLookups.UsersByNameAsync(db, ct);
        return new Session(this, db, scope, userId, byName, services.GetRequiredService<SaveContactRecord>(), services.GetRequiredService<CustomerLookups>(),
            services.GetRequiredService<CompanyTimeZone>(), services.GetRequiredService<BulkInsert>(), services.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    private sealed class Session(ContactRecordImport kind, KehuDbContext db, DataScope scope, long userId, Dictionary<string, long> users,
        SaveContactRecord save, CustomerLookups lookups, CompanyTimeZone zone, BulkInsert bulk, IStringLocalizer l) : IImportSession
    {
        private readonly SeenKeys seen = new();

        private static string Key(ImportRow row) => string.Join('\u0001', NameNormalizer.Normalize(row.Text("company")),
            ImportValues.TryDateTime(row["contactedAt"], out var at) ? at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : row.Text("contactedAt") ?? "",
            NameNormalizer.Normalize(row.Text("contact")));

        public void Remember(ImportRow row) => seen.Remember(Key(row), row.Number);

        public async Task<IReadOnlyList<RowOutcome>> CheckAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
        {
            var companies = await ImportLookups.VisibleCompaniesAsync(db, scope, rows, "company", ct);
            var ids = companies.Values.ToList();
            var contacts = (await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.CompanyId)).Select(c => new { c.Id, c.CompanyId, c.NormalizedName, c.Name }).ToListAsync(ct))
                .GroupBy(c => (c.CompanyId, c.NormalizedName)).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id).Select(c => (c.Id, c.Name)).First());
            var outcomes = new List<RowOutcome>(rows.Count);
            foreach (var row in rows)
            {
                var key = Key(row);
                outcomes.Add(await CheckRowAsync(row, key, companies, contacts, ct));
                seen.Remember(key, row.Number);
            }
            return outcomes;
        }

        private async Task<RowOutcome> CheckRowAsync(ImportRow row, string key, Dictionary<string, long> companies, Dictionary<(long, string), (long Id, string Name)> contacts, CancellationToken ct)
        {
            var problems = new RowProblems(row.Number, kind.Fields, l);
            if (seen.TryGetFirst(key, out var first))
            {
                problems.Add("contactedAt", l["与第 {0} 行重复", first]);
                return problems.Bad();
            }
            var input = new ContactRecordInput
            {
                ContactName = row.Text("contact"),
                Content = row.Text("content"),
                Result = row.Text("result"),
                ContactedAt = Time(row, "contactedAt", problems),
                NextContactAt = Time(row, "nextContactAt", problems),
            };
            if (row.Text("company") is { } company)
            {
                if (companies.TryGetValue(NameNormalizer.Normalize(company), out var id)) input.CompanyId = id;
                else problems.Add("company", l["{0}“{1}”不存在或无权访问", problems.Label("company"), company]);
            }
            if (input.CompanyId is { } cid && contacts.TryGetValue((cid, NameNormalizer.Normalize(input.ContactName)), out var contact))
                (input.ContactId, input.ContactName) = contact;
            if (row.Text("method") is { } method)
            {
                var option = await ImportLookups.OptionAsync(lookups, OptionLists.ContactMethod, method, ct);
                if (option is null) problems.Add("method", l["{0}的取值“{1}”不存在", problems.Label("method"), method]);
                input.MethodId = option?.Id;
            }
            if (row.Text("recorder") is { } recorder)
            {
                if (users.TryGetValue(recorder, out var recorderId)) input.RecorderId = recorderId;
                else problems.Add("recorder", l["{0}“{1}”不存在", problems.Label("recorder"), recorder]);
            }
            if (problems.Items.Count > 0) return problems.Bad();
            var checkedInput = await save.ValidateAsync(userId, input, null, companyChecked: true, ct);
            if (!checkedInput.IsSuccess)
            {
                problems.Add(checkedInput.Error!, ImportKeys, "contactedAt");
                return problems.Bad();
            }
            return new RowOutcome(row.Number, RowAction.Create, [], checkedInput.Value);
        }

        /// <summary>A time in the company's zone, as the form takes it.</summary>
        private DateTimeOffset? Time(ImportRow row, string key, RowProblems problems)
        {
            if (ImportValues.Text(row[key]) is not { } text) return null;
            if (!ImportValues.TryDateTime(row[key], out var local))
            {
                problems.Add(key, l["{0}“{1}”不是有效的日期", problems.Label(key), text]);
                return null;
            }
            return new DateTimeOffset(zone.ToUtc(local), TimeSpan.Zero);
        }

        public async Task<IReadOnlyList<ImportedRow>> WriteAsync(long jobId, IReadOnlyList<RowOutcome> rows, CancellationToken ct)
        {
            var created = rows.Select(r => (r.Row, Record: new ContactRecord((ContactRecordDetails)r.Plan!))).ToList();
            await bulk.InsertAsync([.. created.Select(c => c.Record)], ct);
            await ContactTimes.RefreshAsync(db, [.. created.Select(c => c.Record.CompanyId)], ct);
            return [.. created.Select(c => new ImportedRow(jobId, c.Row, nameof(ContactRecord), c.Record.Id, ImportedAction.Created, null, c.Record.Version))];
        }

        public async Task<Error?> UndoAsync(IReadOnlyList<ImportedRow> journal, CancellationToken ct)
        {
            var companies = new HashSet<long>();
            foreach (var chunk in journal.Chunk(500))
            {
                var ids = chunk.Select(j => j.EntityId).ToList();
                var records = await db.ContactRecords.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
                foreach (var entry in chunk)
                {
                    if (!records.TryGetValue(entry.EntityId, out var record)) continue;
                    if (record.Version != entry.VersionAfter)
                        return Error.Conflict(l["联系记录（{0}，{1}）在导入后已被修改，不能撤销这次导入", record.ContactName, zone.ToLocal(record.ContactedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)]);
                    companies.Add(record.CompanyId);
                    db.ContactRecords.Remove(record);
                }
            }
            await db.SaveChangesAsync(ct);
            await ContactTimes.RefreshAsync(db, companies, ct);
            return null;
        }
    }
}
