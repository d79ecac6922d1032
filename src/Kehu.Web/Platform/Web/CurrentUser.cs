using System.Security.Claims;

namespace Kehu.Web.Platform.Web;

public interface ICurrentUserAccessor
{
    long? UserId { get; }
}

public sealed class HttpCurrentUserAccessor(IHttpContextAccessor http) : ICurrentUserAccessor
{
    /// <summary>Set by background work done for a user (an import), so the audit names them.</summary>
    public long? ActingFor { get; set; }

    public long? UserId => ActingFor ?? http.HttpContext?.User.UserId();
}

public static class ClaimsPrincipalExtensions
{
    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static long RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The request is not authenticated.");
}
