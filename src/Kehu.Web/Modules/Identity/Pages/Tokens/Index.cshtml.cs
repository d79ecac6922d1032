using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Identity.Pages.Tokens;

/// <summary>The signed-in user's personal access tokens for the API. A new token's secret is
/// shown once, in the answer to the create form, and never stored.</summary>
public sealed class IndexModel(PersonalTokens tokens, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class TokenInput
    {
        public string? Name { get; set; }
        public int? ExpiresInDays { get; set; } = 90;
    }

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public List<TokenSummary> Tokens { get; private set; } = [];

    public IssuedToken? Issued { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(User.RequiredUserId(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (ModelState.IsValid)
        {
            var result = await tokens.CreateAsync(userId, new TokenRequest(Input.Name, Input.ExpiresInDays), ct);
            if (result.IsSuccess)
            {
                Issued = result.Value;
                Input = new TokenInput();
                ModelState.Clear();
            }
            else
            {
                result.Error!.AddTo(ModelState);
            }
        }
        Tokens = await tokens.ListAsync(userId, ct);
        // The secret is in this answer only; keep it out of caches.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var result = await tokens.RevokeAsync(User.RequiredUserId(), id, ct);
        if (!result.IsSuccess) return result.Error!.ToActionResult();
        TempData["Flash"] = l["令牌已撤销"].Value;
        return Redirect("/account/tokens");
    }
}
