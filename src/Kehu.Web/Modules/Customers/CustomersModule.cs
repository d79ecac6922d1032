using Kehu.Web.Modules.Customers.Api;
using Kehu.Web.Modules.Customers.Pages.Companies;
using Kehu.Web.Modules.Customers.Pages.Contacts;
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
        s.AddScoped<ExportCompanies>();
        s.AddScoped<CompanyDetailsQuery>();
        s.AddScoped<SaveCompany>();
        s.AddScoped<DeleteCompany>();
        s.AddScoped<ShareCompany>();
        s.AddScoped<ISharedRecords, SharedCompanies>();
        s.AddScoped<SimilarCompanies>();
        s.AddScoped<ListContacts>();
        s.AddScoped<ExportContacts>();
        s.AddScoped<ContactDetailsQuery>();
        s.AddScoped<SaveContact>();
        s.AddScoped<DeleteContact>();
        s.AddScoped<CompanyPicker>();
        s.AddScoped<Pages.ContactRecords.SaveContactRecord>();
        s.AddScoped<Pages.ContactRecords.ListContactRecords>();
        s.AddScoped<Pages.ContactRecords.ExportContactRecords>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Customers/Pages/Companies/Edit", "customers/companies/new");
            o.Conventions.AddPageRoute("/Customers/Pages/Contacts/Edit", "customers/contacts/new");
            o.Conventions.AddPageRoute("/Customers/Pages/ContactRecords/Edit", "customers/contact-records/new");
        });
        s.AddScoped<IOptionUsage, CustomerOptionUsage>();
        s.AddScoped<Documents.IDocumentOwner, CompanyDocuments>();
        s.AddScoped<ICompanyReferences, CompanyAttachmentReferences>();
        s.AddScoped<Platform.Data.IDataBackfill, ContactSearchBackfill>();
        return builder;
    }

    public static WebApplication MapCustomersModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapCompaniesApi();
        api.MapContactsApi();
        api.MapContactRecordsApi();
        return app;
    }
}
