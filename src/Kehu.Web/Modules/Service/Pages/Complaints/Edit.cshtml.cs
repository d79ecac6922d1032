using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Service.Pages.Complaints;

public sealed class EditModel(
    SaveComplaint save,
    ComplaintScope scope,
    CustomerLookups lookups,
    ProductCatalog products,
    KehuDbContext db,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string CompaniesUrl = "/service/complaints/new?handler=Companies";

    /// <summary>The form: 接收时间 is local to the company's time zone, as a person types it.</summary>
    public sealed class FormInput
    {
        public long? CompanyId { get; set; }
        public string? Subject { get; set; }
        public long? TypeId { get; set; }
        public long? ChannelId { get; set; }
        public long? UrgencyId { get; set; }
        public long? ProductId { get; set; }
        public string? ContactName { get; set; }
        public string? Details { get; set; }
        public DateTime? ReceivedAt { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Number { get; private set; }
    public string? CompanyName { get; private set; }
    /// <summary>The chosen 相关商品, so the picker shows it before anything is typed.</summary>
    public ProductRef? Product { get; private set; }
    public ComplaintState State { get; private set; } = ComplaintState.Draft;
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long? id, long? companyId, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var may = await save.MayEditAsync(userId, existing, ct);
            if (!may.IsSuccess) return may.Error!.Kind == ErrorKind.NotFound ? NotFound() : Redirect($"/service/complaints/{existing}");
            var c = await db.Complaints.AsNoTracking().FirstAsync(x => x.Id == existing, ct);
            Id = c.Id;
            Number = c.Number;
            State = c.State;
            Input = new FormInput
            {
                CompanyId = c.CompanyId, Subject = c.Subject, TypeId = c.TypeId, ChannelId = c.ChannelId, UrgencyId = c.UrgencyId,
                ProductId = c.ProductId, ContactName = c.ContactName, Details = c.Details, ReceivedAt = zone.ToLocal(c.ReceivedAt), Version = c.Version,
            };
        }
        else
        {
            var now = zone.ToLocal(clock.GetUtcNow().UtcDateTime);
            Input = new FormInput { CompanyId = companyId, ReceivedAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0) };
        }
        await LoadAsync(userId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, bool submit, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var input = new ComplaintInput
        {
            CompanyId = Input.CompanyId, Subject = Input.Subject, TypeId = Input.TypeId, ChannelId = Input.ChannelId,
            UrgencyId = Input.UrgencyId, ProductId = Input.ProductId, ContactName = Input.ContactName, Details = Input.Details,
            ReceivedAt = Input.ReceivedAt is { } t ? new DateTimeOffset(zone.ToUtc(t), TimeSpan.Zero) : null,
            Version = Input.Version,
        };
        var saved = id is { } existing ? await save.UpdateAsync(userId, existing, input, ct) : await save.CreateAsync(userId, input, ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.NotFound) return NotFound();
            saved.Error.AddTo(ModelState);
            Id = id;
            await LoadAsync(userId, ct);
            return Page();
        }
        var complaint = saved.Value;
        if (!submit)
        {
            TempData["Flash"] = l["投诉单已保存"].Value;
            return Redirect($"/service/complaints/{complaint.Id}");
        }
        var submitted = await save.SubmitAsync(userId, complaint.Id, ct);
        if (submitted.IsSuccess) TempData["Flash"] = l["投诉单已提交给技术部经理"].Value;
        else TempData["Error"] = submitted.Error!.Message;
        return Redirect($"/service/complaints/{complaint.Id}");
    }

    /// <summary>JSON for the company drop-down: the companies this user may register a complaint for.</summary>
    public async Task<IActionResult> OnGetCompaniesAsync(string? q, CancellationToken ct)
    {
        var companies = await scope.CompaniesAsync(User.RequiredUserId(), ct);
        var found = await (await CompanyScope.NewestMatchesAsync(db, [companies], companies, q, CompanyPicker.MaxResults, ct))
            .Select(c => new CompanyChoice(c.Id, c.Name, c.Code)).ToListAsync(ct);
        return new JsonResult(found);
    }

    private async Task LoadAsync(long userId, CancellationToken ct)
    {
        if (Id is { } id && Number is null)
        {
            var c = await db.Complaints.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Number, x.State }).FirstOrDefaultAsync(ct);
            Number = c?.Number;
            State = c?.State ?? ComplaintState.Draft;
        }
        if (Input.CompanyId is { } companyId)
        {
            var companies = await scope.CompaniesAsync(userId, ct);
            CompanyName = await companies.Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        }
        if (Input.ProductId is { } productId) Product = await products.FindAsync(productId, ct);
    }
}
