using System.Globalization;
using System.Text.Json;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Customers.Pages.Contacts;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>联系人资料 from a file: 单位名称 finds the company among those the user may see (by
/// normalised name); a contact of that company with the same name is updated, any other row creates
/// one. The rules are the contact form's. 主要联系人 is not imported: the form moves the mark between
/// a company's contacts, which an import of many rows would do in an order nobody chose.</summary>
public sealed class ContactImport : IImportKind
{
    public string Name => "contacts";
    public string Title => "联系人资料";
    public string ListUrl => "/customers/contacts";

    private static readonly Dictionary<string, string> ImportKeys = new(StringComparer.Ordinal)
    {
        ["companyId"] = "company", ["name"] = "name", ["gender"] = "gender", ["title"] = "title", ["department"] = "department",
        ["mobile"] = "mobile", ["phone"] = "phone", ["email"] = "email", ["wechat"] = "wechat", ["birthday"] = "birthday", ["notes"] = "notes",
    };

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("company", "单位名称", Required: true),
        new("name", "联系人姓名", Required: true),
        new("gender", "性别"),
        new("title", "职务"),
        new("department", "部门"),
        new("mobile", "手机"),
        new("phone", "电话"),
        new("email", "邮箱"),
        new("wechat", "微信"),
        new("birthday", "生日"),
        new("notes", "备注"),
    ];

    public IReadOnlyDictionary<string, object> Example { get; } = new Dictionary<string, object>
    {
        ["company"] = "上海示例贸易有限公司",
        ["name"] = "张三",
        ["gender"] = "男",
        ["title"] = "采购经理",
        ["mobile"] = "13800000000",
        ["birthday"] = "1985-06-01",
    };

    /// <summary>Whoever may see a company may add its contacts (the form asks no more).</summary>
    public Task<Error?> RefusalAsync(long userId, CancellationToken ct) => Task.FromResult<Error?>(null);

    public async Task<IImportSession> StartAsync(IServiceProvider services, long userId, CancellationToken ct)
    {
        var scope = await services.GetRequiredService<DataScopeProvider>().ForAsync(userId, ct);
        return new Session(this, services.GetRequiredService<KehuDbContext>(), scope, userId, services.GetRequiredService<SaveContact>(),
            services.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    private sealed record Plan(long? ExistingId, ContactDetails Details);

    private sealed class Session(ContactImport kind, KehuDbContext db, DataScope scope, long userId, SaveContact save, IStringLocalizer l) : IImportSession
    {
        private readonly SeenKeys seen = new();

        private static string Key(ImportRow row) =>
            NameNormalizer.Normalize(row.Text("company")) + "\u0001" + NameNormalizer.Normalize(row.Text("name"));

        public void Remember(ImportRow row) => seen.Remember(Key(row), row.Number);

        public async Task<IReadOnlyList<RowOutcome>> CheckAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
        {
            var companies = await ImportLookups.VisibleCompaniesAsync(db, scope, rows, "company", ct);
            var ids = companies.Values.ToList();
            var contacts = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.CompanyId)).ToListAsync(ct);
            var byKey = contacts.GroupBy(c => (c.CompanyId, c.NormalizedName)).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id).First());
            var outcomes = new List<RowOutcome>(rows.Count);
            foreach (var row in rows)
            {
                outcomes.Add(await CheckRowAsync(row, companies, byKey, ct));
                Remember(row);
            }
            return outcomes;
        }

        private async Task<RowOutcome> CheckRowAsync(ImportRow row, Dictionary<string, long> companies, Dictionary<(long, string), Contact> byKey, CancellationToken ct)
        {
            var problems = new RowProblems(row.Number, kind.Fields, l);
            if (seen.TryGetFirst(Key(row), out var first))
            {
                problems.Add("name", l["与第 {0} 行重复", first]);
                return problems.Bad();
            }
            long? companyId = null;
            if (row.Text("company") is { } company)
            {
                if (companies.TryGetValue(NameNormalizer.Normalize(company), out var id)) companyId = id;
                else problems.Add("company", l["{0}“{1}”不存在或无权访问", problems.Label("company"), company]);
            }
            var match = companyId is { } cid && byKey.TryGetValue((cid, NameNormalizer.Normalize(row.Text("name"))), out var found) ? found : null;
            var input = match is null ? new ContactInput() : ContactInput.From(match);
            input.CompanyId = companyId;
            if (row.Cells.ContainsKey("name")) input.Name = row.Text("name");
            if (row.Cells.ContainsKey("gender"))
            {
                var gender = row.Text("gender");
                input.Gender = gender switch { "男" => "male", "女" => "female", "未填写" => "unspecified", _ => gender };
                if (ContactText.ParseGender(input.Gender) is null)
                {
                    problems.Add("gender", l["{0}的取值“{1}”无效", problems.Label("gender"), gender!]);
                    input.Gender = null;
                }
            }
            if (row.Cells.ContainsKey("title")) input.Title = row.Text("title");
            if (row.Cells.ContainsKey("department")) input.Department = row.Text("department");
            if (row.Cells.ContainsKey("mobile")) input.Mobile = row.Text("mobile");
            if (row.Cells.ContainsKey("phone")) input.Phone = row.Text("phone");
            if (row.Cells.ContainsKey("email")) input.Email = row.Text("email");
            if (row.Cells.ContainsKey("wechat")) input.Wechat = row.Text("wechat");
            if (row.Cells.ContainsKey("notes")) input.Notes = row.Text("notes");
            if (row.Cells.ContainsKey("birthday"))
            {
                input.Birthday = null;
                if (row["birthday"] is { } cell && ImportValues.Text(cell) is { } text)
                {
                    if (ImportValues.TryDate(cell, out var day)) input.Birthday = day.ToString(ContactText.DateFormat, CultureInfo.InvariantCulture);
                    else problems.Add("birthday", l["{0}“{1}”不是有效的日期", problems.Label("birthday"), text]);
                }
            }
            if (problems.Items.Count > 0) return problems.Bad();
            var checkedInput = await save.ValidateAsync(userId, input, companyChecked: true, ct);
            if (!checkedInput.IsSuccess)
            {
                problems.Add(checkedInput.Error!, ImportKeys, "name");
                return problems.Bad();
            }
            if (match is not null && checkedInput.Value with { IsPrimary = match.IsPrimary } == DetailsOf(match)) return new RowOutcome(row.Number, RowAction.Skip, []);
            return new RowOutcome(row.Number, match is null ? RowAction.Create : RowAction.Update, [], new Plan(match?.Id, checkedInput.Value));
        }

        public async Task<IReadOnlyList<ImportedRow>> WriteAsync(long jobId, IReadOnlyList<RowOutcome> rows, CancellationToken ct)
        {
            var created = rows.Where(r => r.Action == RowAction.Create).Select(r => (r.Row, Contact: new Contact(((Plan)r.Plan!).Details))).ToList();
            db.Contacts.AddRange(created.Select(c => c.Contact));
            var updates = rows.Where(r => r.Action == RowAction.Update).ToList();
            var ids = updates.Select(r => ((Plan)r.Plan!).ExistingId!.Value).ToList();
            var tracked = await db.Contacts.Include(c => c.SearchGrams).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var previous = new List<(int Row, Contact Contact, string Json)>(updates.Count);
            foreach (var r in updates)
            {
                var plan = (Plan)r.Plan!;
                var contact = tracked[plan.ExistingId!.Value];
                previous.Add((r.Row, contact, JsonSerializer.Serialize(DetailsOf(contact))));
                contact.Apply(plan.Details with { IsPrimary = contact.IsPrimary });
            }
            await db.SaveChangesAsync(ct);
            return
            [
                .. created.Select(c => new ImportedRow(jobId, c.Row, nameof(Contact), c.Contact.Id, ImportedAction.Created, null, c.Contact.Version)),
                .. previous.Select(p => new ImportedRow(jobId, p.Row, nameof(Contact), p.Contact.Id, ImportedAction.Updated, p.Json, p.Contact.Version)),
            ];
        }

        private static ContactDetails DetailsOf(Contact c) => new(c.CompanyId, c.Name, c.Gender, c.Title, c.Department, c.Mobile,
            c.Phone, c.Email, c.WeChat, c.Birthday, c.IsPrimary, c.Notes);

        public async Task<Error?> UndoAsync(IReadOnlyList<ImportedRow> journal, CancellationToken ct)
        {
            foreach (var chunk in journal.Chunk(500))
            {
                var ids = chunk.Select(j => j.EntityId).ToList();
                var contacts = await db.Contacts.Include(c => c.SearchGrams).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                var referenced = await db.ContactRecords.Where(r => r.ContactId != null && ids.Contains(r.ContactId.Value))
                    .Select(r => r.ContactId!.Value).Distinct().ToListAsync(ct);
                foreach (var entry in chunk)
                {
                    if (!contacts.TryGetValue(entry.EntityId, out var contact)) continue;
                    if (contact.Version != entry.VersionAfter)
                        return Error.Conflict(l["联系人 {0} 在导入后已被修改，不能撤销这次导入", contact.Name]);
                    if (entry.Action == ImportedAction.Created)
                    {
                        if (referenced.Contains(contact.Id))
                            return Error.Conflict(l["联系人 {0} 已有联系记录，不能撤销这次导入", contact.Name]);
                        db.Contacts.Remove(contact);
                    }
                    else
                    {
                        contact.Apply(JsonSerializer.Deserialize<ContactDetails>(entry.PreviousJson!)!);
                    }
                }
            }
            return null;
        }
    }
}
