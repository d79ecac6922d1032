using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Imports.Pages;

/// <summary>导入记录: the user's imports (an administrator's: everyone's), newest first.</summary>
public sealed class IndexModel(ImportJobs jobs, ImportKinds kinds) : PageModel
{
    public IReadOnlyList<ImportView> Items { get; private set; } = [];
    /// <summary>The kinds the user may import (the others' buttons would only lead to 403).</summary>
    public IReadOnlyList<IImportKind> Allowed { get; private set; } = [];

    public ImportKinds Kinds => kinds;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var allowed = new List<IImportKind>();
        foreach (var kind in kinds.All)
        {
            if (await kind.RefusalAsync(User.RequiredUserId(), ct) is null) allowed.Add(kind);
        }
        Allowed = allowed;
        var list = await jobs.ListAsync(ImportCaller.Of(User), 200, ct);
        var items = new List<ImportView>(list.Count);
        foreach (var job in list) items.Add(await jobs.ViewAsync(job, 0, ct));
        Items = items;
    }
}
