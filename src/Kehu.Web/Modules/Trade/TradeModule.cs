using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade.Api;

namespace Kehu.Web.Modules.Trade;

/// <summary>购销: what purchase and sales orders share (line rules, the review and money steps) and
/// the receivables and payables across them.</summary>
public static class TradeModule
{
    public static WebApplicationBuilder AddTradeModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderLineRules>();
        builder.Services.AddScoped<OrderSteps>();
        builder.Services.AddScoped<TradeLookups>();
        builder.Services.AddScoped<ExportTradeOrders>();
        builder.Services.AddScoped<ExportSettlements>();
        builder.Services.AddScoped<TradeBalances>();
        builder.Services.AddScoped<ExportBalances>();
        builder.Services.AddScoped<Customers.ICompanyPanels, BalanceCompanyPanel>();
        return builder;
    }

    public static WebApplication MapTradeModule(this WebApplication app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy).MapBalancesApi();
        return app;
    }
}
