using Kehu.Web.Modules.Administration.Pages.Departments;
using Kehu.Web.Modules.Administration.Pages.Roles;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;

namespace Kehu.Web.Modules.Administration.Api;

public sealed record DepartmentDto(long Id, string Name, long? ManagerId, string? Manager, int MemberCount, int Version);

public sealed record RoleDto(long Id, string Code, string Name, bool SeesAllData, int MemberCount, int Version);

/// <summary>Departments and roles.</summary>
public static class OrganizationApi
{
    public static void MapOrganizationApi(this RouteGroupBuilder api)
    {
        var d = api.MapGroup("/departments").WithTags("departments");

        d.MapGet("/", async (SaveDepartment departments, CancellationToken ct) =>
            new ItemsResponse<DepartmentDto>((await departments.ListAsync(ct)).Select(ToDto).ToList(), null))
            .WithSummary("All departments with their manager (部门经理)");

        d.MapGet("/export", async (string? format, ExportAdministration export, CancellationToken ct) =>
            await export.DepartmentsAsync(format, ct))
            .AdminOnly().WithSummary("All departments with their manager and member count (format: xlsx|csv), as a file (administrators)");

        d.MapPost("/", async (DepartmentInput input, SaveDepartment departments, CancellationToken ct) =>
        {
            var result = await departments.CreateAsync(input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            var row = (await departments.ListAsync(ct)).Single(x => x.Id == result.Value.Id);
            return Results.Created($"/api/v1/departments/{row.Id}", ToDto(row));
        }).AdminOnly().WithSummary("Create a department (administrators)");

        d.MapPut("/{id:long}", async (long id, DepartmentInput input, SaveDepartment departments, CancellationToken ct) =>
        {
            var result = await departments.UpdateAsync(id, input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            return Results.Ok(ToDto((await departments.ListAsync(ct)).Single(x => x.Id == id)));
        }).AdminOnly().WithSummary("Rename a department or change its manager (administrators); send the version you read");

        d.MapDelete("/{id:long}", async (long id, [FromQuery] int? version, SaveDepartment departments, CancellationToken ct) =>
        {
            var result = await departments.DeleteAsync(id, version, ct);
            return result.IsSuccess ? Results.NoContent() : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Delete a department nobody belongs to (administrators)");

        var r = api.MapGroup("/roles").WithTags("roles");

        r.MapGet("/", async (SaveRole roles, CancellationToken ct) =>
            new ItemsResponse<RoleDto>((await roles.ListAsync(ct)).Select(ToDto).ToList(), null))
            .WithSummary("The built-in roles with their member counts");

        r.MapPut("/{id:long}", async (long id, RoleInput input, SaveRole roles, CancellationToken ct) =>
        {
            var result = await roles.UpdateAsync(id, input, ct);
            if (!result.IsSuccess) return result.Error!.ToProblem();
            return Results.Ok(ToDto((await roles.ListAsync(ct)).Single(x => x.Id == id)));
        }).AdminOnly().WithSummary("Change a role's name or whether it sees all data (administrators); send the version you read");
    }

    private static DepartmentDto ToDto(DepartmentRow d) => new(d.Id, d.Name, d.ManagerId, d.Manager, d.MemberCount, d.Version);

    private static RoleDto ToDto(RoleRow r) => new(r.Id, r.Code, r.Name, r.SeesAllData, r.MemberCount, r.Version);
}
