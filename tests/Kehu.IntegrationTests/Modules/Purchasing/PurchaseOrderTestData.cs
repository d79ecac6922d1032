using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Purchasing;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Purchasing;

/// <summary>Purchase orders over the API, as 小王 (purchaser), 蔡经理 and 钱经理 handle them.</summary>
public static class PurchaseOrderTestData
{
    public static async Task<long> ProductAsync(KehuApp app, decimal purchasePrice = 10m, long? supplierId = null) =>
        (await CreateProductAsync(app, new { purchasePrice, supplierId = supplierId ?? await SupplierAsync(app) }))["id"]!.GetValue<long>();

    public static async Task<long> OtherSupplierAsync(KehuApp app)
    {
        var mine = await SupplierAsync(app);
        return await app.WithDbAsync(db => db.Companies.Where(c => c.IsSupplier && c.Id != mine).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
    }

    public static async Task<HttpResponseMessage> PostOrderAsync(HttpClient api, object body) =>
        await api.PostAsJsonAsync("/api/v1/purchase-orders", body);

    public static async Task<JsonObject> CreateOrderAsync(HttpClient api, object body)
    {
        using var response = await PostOrderAsync(api, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    public static async Task<long> SubmitOrderAsync(HttpClient api, long id)
    {
        using var response = await api.PostAsync($"/api/v1/purchase-orders/{id}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    public static async Task<HttpResponseMessage> CompleteAsync(HttpClient api, long taskId, object body) =>
        await api.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", body);

    /// <summary>The task the action created next for the order (its pending one).</summary>
    public static Task<long?> PendingTaskAsync(KehuApp app, long orderId) =>
        app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.DocumentType == PurchaseOrder.DocumentType && t.DocumentId == orderId && t.Status == Kehu.Web.Modules.Workflow.WorkflowTaskStatus.Pending)
            .Select(t => (long?)t.Id).SingleOrDefaultAsync());

    public static async Task<JsonObject> ReadOrderAsync(HttpClient api, long id) =>
        await (await api.GetAsync($"/api/v1/purchase-orders/{id}")).ReadObjectAsync();

    public static Task<int> MovesOfAsync(KehuApp app, long id) =>
        app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.DocumentType == PurchaseOrder.DocumentType && m.DocumentId == id));

    public static Task<int> OrdersOfAsync(KehuApp app, long purchaserId) =>
        app.WithDbAsync(db => db.PurchaseOrders.CountAsync(o => o.PurchaserId == purchaserId));
}
