using Kehu.Web.Modules.Administration.Api;
using Kehu.Web.Modules.Administration.Pages.Departments;
using Kehu.Web.Modules.Administration.Pages.Numbering;
using Kehu.Web.Modules.Administration.Pages.Options;
using Kehu.Web.Modules.Administration.Pages.Roles;
using Kehu.Web.Modules.Administration.Pages.Users;
using Kehu.Web.Modules.Identity;

namespace Kehu.Web.Modules.Administration;

/// <summary>系统管理: users, departments, roles, option lists and numbering patterns, as pages
/// under <c>/admin</c> (administrators only) and under <c>/api/v1</c>.</summary>
public static class AdministrationModule
{
    public static WebApplicationBuilder AddAdministrationModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<AdministratorGuard>();
        s.AddScoped<ListUsers>();
        s.AddScoped<ExportAdministration>();
        s.AddScoped<SaveUser>();
        s.AddScoped<UserActions>();
        s.AddScoped<UserFormChoices>();
        s.AddScoped<SaveDepartment>();
        s.AddScoped<SaveRole>();
        s.AddScoped<SaveOption>();
        s.AddScoped<SavePattern>();
        return builder;
    }

    public static WebApplication MapAdministrationModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapUsersApi();
        api.MapOrganizationApi();
        api.MapOptionsApi();
        api.MapNumberingApi();
        return app;
    }
}
