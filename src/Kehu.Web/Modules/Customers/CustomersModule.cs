using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Customers.Pages.Companies;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Options;

namespace Kehu.Web.Modules.Customers;

public static class CustomersModule
{
    public static WebApplicationBuilder AddCustomersModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<CustomerLookups>();
        s.AddScoped<ListCompanies>();
        s.AddScoped<CompanyDetailsQuery>();
        s.AddScoped<SaveCompany>();
        s.AddScoped<DeleteCompany>();
        s.AddScoped<IOptionUsage, CustomerOptionUsage>();
        return builder;
    }

    public static WebApplication MapCustomersModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapCompaniesApi();
        return app;
    }
}
