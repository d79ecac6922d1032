using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.ContactRecords;

public sealed class EditModel(
    SaveContactRecord save,
    CustomerLookups lookups,
    DataScopeProvider scopes,
    KehuDbContext db,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The form: times are local to the company's time zone, as a person types them.</summary>
    public sealed class FormInput
    {
        public DateTime? ContactedAt { get; set; }
        public long? CompanyId { get; set; }
        public long? ContactId { get; set; }
        public string? ContactName { get; set; }
        public long? MethodId { get; set; }
        public string? Content { get; set; }
        public string? Result { get; set; }
        public DateTime? NextContactAt { get; set; }
        public long? RecorderId { get; set; }
        public int? Version { get; set; }
    }

    public sealed record ContactChoice(long Id, string Name, bool IsPrimary);

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? CompanyName { get; private set; }
    public List<ContactChoice> Contacts { get; private set; } = [];
    public IReadOnlyList<UserChoice> Recorders { get; private set; } = [];
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long? id, long? companyId, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var record = await (await save.VisibleAsync(userId, ct)).FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (record is null) return NotFound();
            Id = record.Id;
            Input = new FormInput
            {
                ContactedAt = zone.ToLocal(record.ContactedAt),
                CompanyId = record.CompanyId,
                ContactId = record.ContactId,
                ContactName = record.ContactId is null ? record.ContactName : null,
                MethodId = record.MethodId,
                Content = record.Content,
                Result = record.Result,
                NextContactAt = record.NextContactAt is { } n ? zone.ToLocal(n) : null,
                RecorderId = record.RecorderId,
                Version = record.Version,
            };
        }
        else
        {
            var now = zone.ToLocal(clock.GetUtcNow().UtcDateTime);
            Input = new FormInput
            {
                ContactedAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0),
                CompanyId = companyId,
                RecorderId = userId,
            };
        }
        await LoadAsync(userId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var input = new ContactRecordInput
        {
            ContactedAt = Offset(Input.ContactedAt),
            CompanyId = Input.CompanyId,
            ContactId = Input.ContactId,
            ContactName = Input.ContactName,
            MethodId = Input.MethodId,
            Content = Input.Content,
            Result = Input.Result,
            NextContactAt = Offset(Input.NextContactAt),
            RecorderId = Input.RecorderId,
            Version = Input.Version,
        };
        var result = id is { } existing
            ? await save.UpdateAsync(userId, existing, input, ct)
            : await save.CreateAsync(userId, input, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["联系记录已保存"].Value;
            return Redirect($"/customers/companies/{result.Value.CompanyId}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Id = id;
        await LoadAsync(userId, ct);
        return Page();
    }

    /// <summary>htmx: the contact drop-down for the chosen company.</summary>
    public async Task<IActionResult> OnGetContactsAsync([FromQuery(Name = "Input.CompanyId")] long? companyId, CancellationToken ct)
    {
        Input = new FormInput { CompanyId = companyId };
        Contacts = await ContactsOfAsync(User.RequiredUserId(), companyId, ct);
        return Partial("_ContactField", this);
    }

    private async Task LoadAsync(long userId, CancellationToken ct)
    {
        Contacts = await ContactsOfAsync(userId, Input.CompanyId, ct);
        Recorders = await lookups.AssignableOwnersAsync(await scopes.ForAsync(userId, ct), ct);
        if (Input.CompanyId is { } companyId)
        {
            var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
            CompanyName = await visible.Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        }
    }

    private async Task<List<ContactChoice>> ContactsOfAsync(long userId, long? companyId, CancellationToken ct)
    {
        if (companyId is null) return [];
        var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        return await db.Contacts.AsNoTracking()
            .Where(c => c.CompanyId == companyId && visible.Any(v => v.Id == c.CompanyId))
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name)
            .Select(c => new ContactChoice(c.Id, c.Name, c.IsPrimary)).ToListAsync(ct);
    }

    private DateTimeOffset? Offset(DateTime? local) =>
        local is { } t ? new DateTimeOffset(zone.ToUtc(t), TimeSpan.Zero) : null;
}
