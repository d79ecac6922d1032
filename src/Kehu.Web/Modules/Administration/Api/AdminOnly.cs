using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Api;

public static class AdminOnlyExtensions
{
    /// <summary>Answers 403 with a problem document unless the caller is an administrator.</summary>
    public static RouteHandlerBuilder AdminOnly(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (ctx, next) =>
        {
            if (ctx.HttpContext.User.IsInRole(RoleCodes.Administrator)) return await next(ctx);
            var l = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return Error.Forbidden(l["只有系统管理员可以执行此操作"]).ToProblem();
        })
        .ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>A list answer: the items and the cursor of the next page (null on the last).</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
