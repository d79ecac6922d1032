using Kehu.Web.Modules.Analytics.Api;
using Kehu.Web.Modules.Analytics.Customers;
using Kehu.Web.Modules.Analytics.Inventory;
using Kehu.Web.Modules.Analytics.Sales;
using Kehu.Web.Modules.Analytics.Service;
using Kehu.Web.Modules.Identity;

namespace Kehu.Web.Modules.Analytics;

/// <summary>决策分析: read-only reports over the other modules (README).</summary>
public static class AnalyticsModule
{
    public static WebApplicationBuilder AddAnalyticsModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<ReportPeriods>();
        s.AddScoped<LocalDays>();
        s.AddScoped<AnalyticsAccess>();
        s.AddScoped<ReportRun>();
        s.AddScoped<SalesAnalysis>();
        s.AddScoped<SalesReport>();
        s.AddScoped<StockReport>();
        s.AddScoped<StockReportView>();
        s.AddScoped<Workbench.IWorkbenchReminders, ManagerDashboard>();
        s.AddScoped<CountSeries>();
        s.AddScoped<CustomerAnalysis>();
        s.AddScoped<CustomerReport>();
        s.AddScoped<ServiceAnalysis>();
        s.AddScoped<ServiceReport>();
        return builder;
    }

    public static WebApplication MapAnalyticsModule(this WebApplication app)
    {
        var reports = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy).MapReportsGroup();
        reports.MapSalesAndInventoryReportsApi();
        reports.MapCustomerReportsApi();
        reports.MapServiceReportsApi();
        return app;
    }
}
