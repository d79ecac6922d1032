using System.Security.Claims;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Platform.Web;

public static class RoleFilter
{
    public static bool IsInAnyRole(this ClaimsPrincipal user, IEnumerable<string> roles) => roles.Any(user.IsInRole);

    /// <summary>Answers 403 with a problem document saying <paramref name="messageKey"/> (a resource
    /// key) unless the caller has one of <paramref name="roles"/>.</summary>
    public static RouteHandlerBuilder RequireAnyRole(this RouteHandlerBuilder endpoint, string messageKey, IReadOnlyList<string> roles) =>
        endpoint.AddEndpointFilter(async (ctx, next) =>
        {
            if (ctx.HttpContext.User.IsInAnyRole(roles)) return await next(ctx);
            var l = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return Error.Forbidden(l[messageKey]).ToProblem();
        })
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
