using Kehu.Web.Modules.Administration.Pages.Users;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Administration.Api;

/// <summary>What every user sees of another: enough for a picker.</summary>
public sealed record UserChoiceDto(long Id, string DisplayName);

/// <summary>The full record, for administrators. <see cref="Roles"/> are role codes.</summary>
public sealed record UserDto(
    long Id, string UserName, string DisplayName, string? Email, long? DepartmentId, string? Department,
    long? SupervisorId, string[] Roles, bool IsActive, bool IsLockedOut, DateTime? LockoutEndsAt,
    bool HasPassword, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record PasswordRequest(string? Password);

public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("users");

        g.MapGet("/", async (string? q, string? role, bool? active, string? cursor, int? limit, HttpContext http, ListUsers list, TimeProvider clock, CancellationToken ct) =>
        {
            if (http.User.IsInRole(RoleCodes.Administrator))
            {
                var page = await list.HandleAsync(new UserFilter(q, role, active, cursor, limit), ct);
                var now = clock.GetUtcNow().UtcDateTime;
                return Results.Ok(new ItemsResponse<UserDto>(page.Items.Select(u => ToDto(u, now)).ToList(), page.NextCursor));
            }
            var choices = await list.HandleAsync(new UserFilter(q, role, Active: true, cursor, limit), ct);
            return Results.Ok(new ItemsResponse<UserChoiceDto>(
                choices.Items.Select(u => new UserChoiceDto(u.Id, u.DisplayName)).ToList(), choices.NextCursor));
        }).WithSummary("Users: active users' ids and names for pickers; full records (all users) for administrators");

        g.MapGet("/export", async (string? q, string? role, bool? active, string? format, ExportAdministration export, CancellationToken ct) =>
            await export.UsersAsync(format, new UserFilter(q, role, active, null, null), ct))
            .AdminOnly().WithSummary("All users the list shows with the same filters (format: xlsx|csv), as a file (administrators)");

        g.MapGet("/{id:long}", async (long id, KehuDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var user = await Load(db, id, ct);
            return user is null ? Results.Problem(statusCode: 404) : Results.Ok(ToDto(user, clock.GetUtcNow().UtcDateTime));
        }).AdminOnly().WithSummary("One user's full record (administrators)");

        g.MapPost("/", async (UserInput input, SaveUser save, KehuDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await save.CreateAsync(input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            var user = (await Load(db, result.Value.Id, ct))!;
            return Results.Created($"/api/v1/users/{user.Id}", ToDto(user, clock.GetUtcNow().UtcDateTime));
        }).AdminOnly().WithSummary("Create a user (administrators): userName, displayName, password, roles (codes) …");

        g.MapPut("/{id:long}", async (long id, UserInput input, HttpContext http, SaveUser save, KehuDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await save.UpdateAsync(http.User.RequiredUserId(), id, input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            db.ChangeTracker.Clear();
            return Results.Ok(ToDto((await Load(db, id, ct))!, clock.GetUtcNow().UtcDateTime));
        }).AdminOnly().WithSummary("Update a user (administrators); isActive optional; send the version you read (409 if it changed since)");

        g.MapPost("/{id:long}/password", async (long id, PasswordRequest request, UserActions actions, CancellationToken ct) =>
        {
            var result = await actions.ResetPasswordAsync(id, request.Password, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Set a new password for a user (administrators); ends the user's sessions");

        g.MapPost("/{id:long}/unlock", async (long id, UserActions actions, CancellationToken ct) =>
        {
            var result = await actions.UnlockAsync(id, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Lift a lockout after too many failed logins (administrators)");
    }

    private static Task<User?> Load(KehuDbContext db, long id, CancellationToken ct) =>
        db.Users.AsNoTracking().Include(u => u.Department).Include(u => u.Roles).ThenInclude(r => r.Role)
            .FirstOrDefaultAsync(u => u.Id == id, ct);

    private static UserDto ToDto(User u, DateTime now) => new(
        u.Id, u.UserName, u.DisplayName, u.Email, u.DepartmentId, u.Department?.Name, u.SupervisorId,
        u.Roles.Where(r => r.Role is not null).Select(r => r.Role!.Code).Order(StringComparer.Ordinal).ToArray(),
        u.IsActive, u.IsLockedOut(now), u.IsLockedOut(now) ? u.LockoutEndsAt : null, u.PasswordHash is not null,
        u.CreatedAt, u.UpdatedAt, u.Version);
}
