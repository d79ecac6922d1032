using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>Names close to one being typed (the same core once 有限公司 and the like are dropped),
/// so a near-duplicate is noticed before it is saved.</summary>
public sealed class SimilarCompanies(KehuDbContext db)
{
    private static readonly string[] Suffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司"];

    public async Task<List<string>> HandleAsync(string? name, long? exceptId, CancellationToken ct)
    {
        var core = NameNormalizer.Normalize(name);
        foreach (var suffix in Suffixes)
        {
            if (core.EndsWith(suffix, StringComparison.Ordinal) && core.Length > suffix.Length)
            {
                core = core[..^suffix.Length];
                break;
            }
        }
        if (core.Length < 2) return [];
        var except = exceptId ?? 0;
        var others = db.Companies.AsNoTracking().Where(c => c.Id != except);
        var matches = await CompanyScope.NewestMatchesAsync(db, [others], others, core, 5, ct);
        return await matches.Select(c => c.Name).ToListAsync(ct);
    }
}

public sealed class EditModel(
    SaveCompany save,
    CompanyDetailsQuery details,
    SimilarCompanies similar,
    CustomerLookups lookups,
    DataScopeProvider scopes,
    KehuDbContext db) : PageModel
{
    [BindProperty]
    public CompanyInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Code { get; private set; }
    public CustomerLookups Lookups => lookups;
    public IReadOnlyList<UserChoice> Owners { get; private set; } = [];
    /// <summary>The company is only shared with the user: they may edit it but not change its owner.</summary>
    public bool OwnerLocked { get; private set; }
    public string? OwnerName { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var company = await details.FindAsync(User.RequiredUserId(), existing, ct);
            if (company is null) return NotFound();
            Input = CompanyInput.From(company);
            Id = company.Id;
            Code = company.Code;
            await LoadOwnerAsync(company, ct);
        }
        else
        {
            Input = new CompanyInput { Roles = ["customer"], OwnerId = User.RequiredUserId() };
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
            TempData["Flash"] = id is null ? L("已创建客户 {0}", result.Value.Name) : L("已保存 {0}", result.Value.Name);
            return Redirect($"/customers/companies/{result.Value.Id}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Id = id;
        if (id is not null && await details.FindAsync(userId, id.Value, ct) is { } company)
        {
            Code = company.Code;
            await LoadOwnerAsync(company, ct);
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadOwnerAsync(Company company, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(User.RequiredUserId(), ct);
        OwnerLocked = await CompanyScope.AccessAsync(db, scope, company.Id, ct) == CompanyAccess.Shared;
        OwnerName = await lookups.UserNameAsync(company.OwnerId, ct);
    }

    /// <summary>htmx: warns about existing companies with a similar name while typing.</summary>
    public async Task<IActionResult> OnGetSimilarAsync(string? name, long? id, CancellationToken ct)
    {
        var names = await similar.HandleAsync(name, id, ct);
        return Partial("_SimilarNames", names);
    }

    private async Task LoadChoicesAsync(CancellationToken ct) =>
        Owners = await lookups.AssignableOwnersAsync(await scopes.ForAsync(User.RequiredUserId(), ct), ct);

    private string L(string key, params object[] args) =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[key, args];
}
