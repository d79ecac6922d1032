using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Identity.Api;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record LoginResponse(string Token, DateTime ExpiresAt);

public static class AuthApi
{
    public static void MapAuthApi(this WebApplication app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("auth");

        auth.MapPost("/login", async (LoginRequest request, LoginService login, PersonalTokens tokens, CancellationToken ct) =>
        {
            var result = await login.CheckAsync(request.UserName, request.Password, ct);
            if (!result.IsSuccess)
            {
                return result.Error!.Fields is null
                    ? TypedResults.Problem(title: result.Error.Message, detail: result.Error.Message, statusCode: StatusCodes.Status401Unauthorized)
                    : result.Error.ToProblem();
            }
            var issued = await tokens.IssueLoginTokenAsync(result.Value.Id, ct);
            return TypedResults.Ok(new LoginResponse(issued.Token, issued.ExpiresAt));
        })
        .AllowAnonymous()
        .RequireRateLimiting(IdentityModule.LoginRateLimit)
        .WithSummary("Log in: returns a bearer token");

        var tokensGroup = auth.MapGroup("/tokens").RequireAuthorization(IdentityModule.ApiPolicy);
        tokensGroup.MapGet("/", (HttpContext http, PersonalTokens tokens, CancellationToken ct) =>
            tokens.ListAsync(http.User.RequiredUserId(), ct))
            .WithSummary("The caller's personal access tokens");
        tokensGroup.MapPost("/", async (TokenRequest request, HttpContext http, PersonalTokens tokens, CancellationToken ct) =>
        {
            var result = await tokens.CreateAsync(http.User.RequiredUserId(), request, ct);
            return result.IsSuccess ? Results.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Create a personal access token (the secret is shown once)");
        tokensGroup.MapDelete("/{id:long}", async (long id, HttpContext http, PersonalTokens tokens, CancellationToken ct) =>
        {
            var result = await tokens.RevokeAsync(http.User.RequiredUserId(), id, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).WithSummary("Revoke a personal access token");
    }
}
