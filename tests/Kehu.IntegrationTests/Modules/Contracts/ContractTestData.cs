using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Contracts;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Contracts;

/// <summary>Contracts over the API, as 小林 (salesperson) fills them and 赵经理 (his 上级) approves them.</summary>
public static class ContractTestData
{
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<JsonObject> CreateContractAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/contracts", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    public static async Task<long> SubmitContractAsync(HttpClient api, long id)
    {
        using var response = await api.PostAsync($"/api/v1/contracts/{id}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    public static async Task<JsonObject> ReadContractAsync(HttpClient api, long id) =>
        await (await api.GetAsync($"/api/v1/contracts/{id}")).ReadObjectAsync();

    public static Task<Contract> StoredAsync(KehuApp app, long id) =>
        app.WithDbAsync(db => db.Contracts.AsNoTracking().Include(c => c.Orders).SingleAsync(c => c.Id == id));

    public static Task<int> CountAsync(KehuApp app) => app.WithDbAsync(db => db.Contracts.CountAsync());

    public static Task<WorkflowTask?> PendingContractTaskAsync(KehuApp app, long id) =>
        app.WithDbAsync(db => db.WorkflowTasks.AsNoTracking()
            .SingleOrDefaultAsync(t => t.DocumentType == Contract.DocumentType && t.DocumentId == id && t.Status == WorkflowTaskStatus.Pending));
}
