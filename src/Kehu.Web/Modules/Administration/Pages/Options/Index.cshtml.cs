using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Options;

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(SaveOption options, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The list shown: a code of <see cref="OptionLists.All"/>.</summary>
    public string ListCode { get; private set; } = OptionLists.All[0].Code;

    public string ListLabel => OptionLists.All.First(x => x.Code == ListCode).Label;

    public List<OptionItem> Items { get; private set; } = [];

    /// <summary>The row whose form was posted and refused, shown with what was sent.</summary>
    public long? EditingId { get; private set; }

    [BindProperty]
    public OptionInput Item { get; set; } = new();

    [BindProperty]
    public OptionInput NewItem { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? list, CancellationToken ct)
    {
        if (!Select(list)) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? list, CancellationToken ct)
    {
        if (!Select(list)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await options.CreateAsync(ListCode, NewItem, ct);
            if (result.IsSuccess) return Done(l["已添加“{0}”", result.Value.Name]);
            result.Error!.AddTo(ModelState, nameof(NewItem));
        }
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(string? list, long id, CancellationToken ct)
    {
        if (!Select(list)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await options.UpdateAsync(ListCode, id, Item, ct);
            if (result.IsSuccess) return Done(l["已保存“{0}”", result.Value.Name]);
            if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
            result.Error.AddTo(ModelState, nameof(Item));
        }
        EditingId = id;
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostSetActiveAsync(string? list, long id, bool active, CancellationToken ct)
    {
        if (!Select(list)) return NotFound();
        var result = await options.SetActiveAsync(ListCode, id, active, ct);
        if (result.IsSuccess) return Done(active ? l["已启用“{0}”", result.Value.Name] : l["已停用“{0}”", result.Value.Name]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? list, long id, int? version, CancellationToken ct)
    {
        if (!Select(list)) return NotFound();
        var result = await options.DeleteAsync(ListCode, id, version, ct);
        if (result.IsSuccess) return Done(l["已删除"]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        return await RedisplayAsync(ct);
    }

    private bool Select(string? list)
    {
        if (string.IsNullOrEmpty(list)) return true;
        if (!OptionLists.Exists(list)) return false;
        ListCode = list;
        return true;
    }

    private RedirectResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return Redirect($"/admin/options/{ListCode}");
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Items = await options.ListAsync(ListCode, ct);
}
