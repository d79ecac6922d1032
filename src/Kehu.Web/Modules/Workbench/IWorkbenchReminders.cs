using System.Security.Claims;
using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Workbench;

/// <summary>A reminder another module puts on 我的工作台 (contracts about to end, advances not yet
/// settled…). The module reads its own records and checks its own rights; the workbench only lays
/// the cards out, so it depends on none of their entities.</summary>
public interface IWorkbenchReminders
{
    /// <summary>Where its card goes among the others' (lower first).</summary>
    int Order { get; }

    /// <summary>The card for <paramref name="user"/>, or null when the reminder does not concern them
    /// (their role never has such records). An empty card says there is nothing to do.</summary>
    Task<Panel?> ForAsync(ClaimsPrincipal user, CancellationToken ct);
}
