using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Sales;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Sales;

/// <summary>Sales orders over the API, as 小林 (salesperson), 赵经理 and 钱经理 handle them.</summary>
public static class SalesOrderTestData
{
    /// <summary>A demo customer owned by the salesperson 小林.</summary>
    public static async Task<long> CustomerAsync(KehuApp app)
    {
        var xiaolin = await app.UserIdAsync("xiaolin");
        return await app.WithDbAsync(db => db.Companies.Where(c => c.IsCustomer && c.OwnerId == xiaolin).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
    }

    /// <summary>A new product with <paramref name="onHand"/> in the default warehouse.</summary>
    public static async Task<long> StockedProductAsync(KehuApp app, decimal onHand, decimal salePrice = 20m, decimal cost = 12m)
    {
        var id = (await CreateProductAsync(app, new { salePrice, purchasePrice = cost }))["id"]!.GetValue<long>();
        if (onHand > 0)
        {
            var posted = await PostAsync(app, StockMoveKind.Opening, id, await DefaultWarehouseAsync(app), onHand, cost);
            posted.IsSuccess.ShouldBeTrue();
        }
        return id;
    }

    public static async Task<HttpResponseMessage> PostOrderAsync(HttpClient api, object body) =>
        await api.PostAsJsonAsync("/api/v1/sales-orders", body);

    public static async Task<JsonObject> CreateOrderAsync(HttpClient api, object body)
    {
        using var response = await PostOrderAsync(api, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    public static async Task<long> SubmitOrderAsync(HttpClient api, long id)
    {
        using var response = await api.PostAsync($"/api/v1/sales-orders/{id}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    public static async Task<JsonObject> ReadOrderAsync(HttpClient api, long id) =>
        await (await api.GetAsync($"/api/v1/sales-orders/{id}")).ReadObjectAsync();

    public static Task<long?> PendingTaskAsync(KehuApp app, long orderId) =>
        app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.DocumentType == SalesOrder.DocumentType && t.DocumentId == orderId && t.Status == Kehu.Web.Modules.Workflow.WorkflowTaskStatus.Pending)
            .Select(t => (long?)t.Id).SingleOrDefaultAsync());

    public static Task<int> MovesOfAsync(KehuApp app, long id) =>
        app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.DocumentType == SalesOrder.DocumentType && m.DocumentId == id));

    public static Task<int> OrdersOfAsync(KehuApp app, long salespersonId) =>
        app.WithDbAsync(db => db.SalesOrders.CountAsync(o => o.SalespersonId == salespersonId));
}
