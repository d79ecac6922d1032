using System.Globalization;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

public sealed class EditModel(
    SaveContact save,
    ContactDetailsQuery details,
    CompanyPicker picker,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Where the company drop-down asks for more companies as the user types.</summary>

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? OriginalName { get; private set; }
    public IReadOnlyList<CompanyChoice> Companies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, long? companyId, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var contact = await details.FindAsync(User.RequiredUserId(), existing, ct);
            if (contact is null) return NotFound();
            Input = ContactInput.From(contact.Contact);
            Id = existing;
            OriginalName = contact.Contact.Name;
        }
        else
        {
            Input = new ContactInput { CompanyId = companyId };
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var result = id is { } existing
            ? await save.UpdateAsync(userId, existing, Input, ct)
            : await save.CreateAsync(userId, Input, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = id is null ? l["已创建联系人 {0}", result.Value.Name].Value : l["已保存 {0}", result.Value.Name].Value;
            return Redirect($"/customers/contacts/{result.Value.Id}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Id = id;
        if (id is not null) OriginalName = (await details.FindAsync(userId, id.Value, ct))?.Contact.Name;
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct) =>
        Companies = await picker.SearchAsync(User.RequiredUserId(), null, Input.CompanyId, ct);
}
