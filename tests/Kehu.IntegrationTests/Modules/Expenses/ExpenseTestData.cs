using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Expenses;

/// <summary>Claims and advances over the API: 小林 (销售部) applies, 赵经理 (his department's manager)
/// approves, 钱经理 (finance manager) pays.</summary>
public static class ExpenseTestData
{
    public static Task<long> ExpenseTypeAsync(KehuApp app, string name = "差旅费") =>
        app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == OptionLists.ExpenseType && o.Name == name).Select(o => o.Id).SingleAsync());

    public static async Task<JsonObject> CreateAsync(HttpClient api, string resource, object body)
    {
        using var response = await api.PostAsJsonAsync($"/api/v1/{resource}", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    public static async Task<long> SubmitAsync(HttpClient api, string resource, long id)
    {
        using var response = await api.PostAsync($"/api/v1/{resource}/{id}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    public static async Task<JsonObject> ReadAsync(HttpClient api, string resource, long id)
    {
        using var response = await api.GetAsync($"/api/v1/{resource}/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    public static async Task<HttpResponseMessage> CompleteAsync(HttpClient api, long taskId, object body) =>
        await api.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", body);

    public static async Task CompleteOkAsync(HttpClient api, long taskId, object body)
    {
        using var response = await CompleteAsync(api, taskId, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static Task<long?> PendingTaskAsync(KehuApp app, string documentType, long id) =>
        app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.DocumentType == documentType && t.DocumentId == id && t.Status == WorkflowTaskStatus.Pending)
            .Select(t => (long?)t.Id).SingleOrDefaultAsync());

    /// <summary>An advance of <paramref name="amount"/> for 小林, approved by 赵经理 and paid by 钱经理.</summary>
    public static async Task<long> PaidAdvanceAsync(KehuApp app, decimal amount)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var id = (await CreateAsync(lin, "expense-advances", new { amount, reason = "出差借款" }))["id"]!.GetValue<long>();
        await CompleteOkAsync(zhao, await SubmitAsync(lin, "expense-advances", id), new { action = "approve", opinion = "同意" });
        await CompleteOkAsync(qian, (await PendingTaskAsync(app, "expense-advance", id))!.Value, new { action = "pay", fields = new { paymentAmount = amount, paymentMethod = "cash" } });
        return id;
    }
}
