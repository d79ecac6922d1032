using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Products;

[Authorize(Policy = ProductsModule.ManagePolicy)]
public sealed class EditModel(
    SaveProduct save,
    ProductCategories categories,
    CustomerLookups lookups,
    ProductViews views,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly (string Field, string Label)[] Numbers =
        [(nameof(ProductInput.PurchasePrice), "进价"), (nameof(ProductInput.SalePrice), "售价"), (nameof(ProductInput.MinimumStock), "库存下限")];

    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Code { get; private set; }
    public string? SupplierName { get; private set; }
    public ProductCategories Categories => categories;
    public CustomerLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long? id, long? supplierId, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == existing, ct);
            if (product is null) return NotFound();
            Input = ProductInput.From(product);
            Id = product.Id;
            Code = product.Code;
        }
        else
        {
            Input = new ProductInput { SupplierId = supplierId, IsActive = true };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null) Code = await db.Products.Where(p => p.Id == id).Select(p => p.Code).FirstOrDefaultAsync(ct);
        if (!NumbersParsed())
        {
            await LoadAsync(ct);
            return Page();
        }
        var userId = User.RequiredUserId();
        var result = id is { } existing
            ? await save.UpdateAsync(userId, existing, Input, ct)
            : await save.CreateAsync(userId, Input, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = id is null ? l["已创建商品 {0}", result.Value.Name].Value : l["已保存 {0}", result.Value.Name].Value;
            return Redirect($"/products/{result.Value.Id}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>htmx: the 商品小类 drop-down for the chosen 商品大类.</summary>
    public IActionResult OnGetSubCategories([FromQuery(Name = "Input.CategoryId")] long? categoryId)
    {
        Input = new ProductInput { CategoryId = categoryId };
        return Partial("_SubCategoryField", this);
    }

    /// <summary>A number that did not parse is refused with the field's name, never saved as 0.</summary>
    private bool NumbersParsed()
    {
        var ok = true;
        foreach (var (field, label) in Numbers)
        {
            var key = $"{nameof(Input)}.{field}";
            if (ModelState[key] is not { ValidationState: ModelValidationState.Invalid } entry) continue;
            entry.Errors.Clear();
            ModelState.AddModelError(key, l["{0}必须是数字", l[label]]);
            ok = false;
        }
        return ok;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Input.SupplierId is { } supplierId) SupplierName = await views.SupplierNameAsync(supplierId, ct);
    }
}
