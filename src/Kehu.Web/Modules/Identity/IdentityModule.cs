using System.Security.Claims;
using System.Threading.RateLimiting;
using Kehu.Web.Modules.Identity.Api;
using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Identity;

public static class IdentityModule
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = "Bearer";
    public const string AdminPolicy = "admin";
    public const string ApiPolicy = "api";
    public const string LoginRateLimit = "login";

    public static WebApplicationBuilder AddIdentityModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<LoginService>();
        services.AddScoped<PersonalTokens>();
        services.AddScoped<DataScopeProvider>();
        services.AddSingleton<FirstStartSetup>();
        services.AddScoped<Pages.Setup.CompleteSetup>();

        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "kehu.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateStampAsync;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(BearerScheme, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(RoleCodes.Administrator))
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(BearerScheme).RequireAuthenticatedUser())
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var permits = builder.Configuration.GetValue("Kehu:LoginAttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static WebApplication MapIdentityModule(this WebApplication app)
    {
        app.MapAuthApi();
        return app;
    }

    /// <summary>Sessions end when the password, roles or active flag change.</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext ctx)
    {
        var id = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = ctx.Principal?.FindFirstValue(KehuClaims.SecurityStamp);
        if (!long.TryParse(id, out var userId) || stamp is null)
        {
            ctx.RejectPrincipal();
            return;
        }
        var services = ctx.HttpContext.RequestServices;
        var current = await services.GetRequiredService<Platform.Caching.ReferenceCache>().GetAsync("stamp:" + userId, async () =>
            await services.GetRequiredService<KehuDbContext>().Users.Where(u => u.Id == userId && u.IsActive)
                .Select(u => u.SecurityStamp).FirstOrDefaultAsync() ?? "");
        var ok = current == stamp;
        if (!ok)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Headers.ContainsKey("HX-Request"))
        {
            ctx.Response.StatusCode = status;
            if (ctx.Request.Headers.ContainsKey("HX-Request") && status == StatusCodes.Status401Unauthorized)
                ctx.Response.Headers["HX-Redirect"] = ctx.RedirectUri;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
