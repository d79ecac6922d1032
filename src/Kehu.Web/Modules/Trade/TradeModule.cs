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
        return builder;
    }
}
