using Kehu.Web.Platform.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kehu.Web.Platform.Web;

/// <summary>Tells whoever ran <c>dotnet run</c> where Kehu is and, in demo mode, how to log in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kehu");
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var url in urls) log.LogInformation("Kehu is running at {Url}", url);
        if (app.Configuration.GetValue("Kehu:DemoData", false))
        {
            log.LogInformation("Demo logins (password {Password}): {Logins}", DemoData.Password,
                string.Join(", ", DemoData.Users.Select(u => $"{u.Login} ({u.Name})")));
        }
    }
}
