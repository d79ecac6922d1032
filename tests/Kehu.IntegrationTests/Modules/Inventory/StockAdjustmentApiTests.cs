using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

/// <summary>库存盘点单 over HTTP: 小周 (warehouse keeper) or 小王 (purchaser) counts and submits;
/// 蔡经理 (purchase manager) approves, which posts the differences, rejects or returns it.</summary>
public abstract class StockAdjustmentApiTests(KehuApp app)
{
    private async Task<long> ProductWithStockAsync(decimal onHand, decimal cost = 10m)
    {
        var product = await CreateProductAsync(app, new { purchasePrice = cost });
        var id = product["id"]!.GetValue<long>();
        if (onHand > 0) (await PostAsync(app, StockMoveKind.Opening, id, await DefaultWarehouseAsync(app), onHand, cost)).IsSuccess.ShouldBeTrue();
        return id;
    }

    private static async Task<JsonObject> CreateAsync(HttpClient api, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/stock-adjustments", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    private static async Task<long> SubmitAsync(HttpClient api, long id)
    {
        using var response = await api.PostAsync($"/api/v1/stock-adjustments/{id}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    private static async Task<HttpResponseMessage> CompleteAsync(HttpClient api, long taskId, object body) =>
        await api.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", body);

    private async Task<JsonObject> ReadAsync(HttpClient api, long id) =>
        await (await api.GetAsync($"/api/v1/stock-adjustments/{id}")).ReadObjectAsync();

    private Task<int> MovesOfAsync(long id) =>
        app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.DocumentType == StockAdjustment.DocumentType && m.DocumentId == id));

    [Fact]
    public async Task WholeFlow_KeeperCountsAndSubmits_ManagerApproves_PostsEachDifferenceAtItsCost()
    {
        var short3 = await ProductWithStockAsync(10, cost: 8m);
        var found4 = await ProductWithStockAsync(0, cost: 2.5m);
        var exact = await ProductWithStockAsync(6);
        var warehouse = await DefaultWarehouseAsync(app);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        using var cai = await app.ApiAsAsync("caijingli");

        var created = await CreateAsync(zhou, new
        {
            notes = "月末盘点",
            lines = new object[] { new { productId = short3, counted = 7, note = "破损" }, new { productId = found4, counted = 4 }, new { productId = exact, counted = 6 } },
        });
        var id = created["id"]!.GetValue<long>();
        created["number"]!.GetValue<string>().ShouldStartWith("PD-");
        created["state"]!.GetValue<string>().ShouldBe("draft");
        created["counter"]!.GetValue<string>().ShouldBe("小周");
        created["lines"]!.AsArray().Select(x => x!["difference"]!.GetValue<decimal>()).ShouldBe([-3m, 4m, 0m]);
        (await MovesOfAsync(id)).ShouldBe(0);

        var task = await SubmitAsync(zhou, id);
        (await ReadAsync(zhou, id))["state"]!.GetValue<string>().ShouldBe("review");
        var caisTasks = await (await cai.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        caisTasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldContain(task);

        using var approved = await CompleteAsync(cai, task, new { action = "approve", opinion = "同意" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());

        var after = await ReadAsync(cai, id);
        after["state"]!.GetValue<string>().ShouldBe("approved");
        after["approvedBy"]!.GetValue<string>().ShouldBe("蔡经理");
        var lines = after["lines"]!.AsArray();
        lines.Select(x => x!["posted"]!.GetValue<bool>()).ShouldAllBe(p => p);
        lines.Select(x => x!["onHand"]!.GetValue<decimal>()).ShouldBe([10m, 0m, 6m]);
        lines.Select(x => x!["amount"]!.GetValue<decimal>()).ShouldBe([-24m, 10m, 0m]);
        (await OnHandAsync(app, short3, warehouse)).ShouldBe(7);
        (await OnHandAsync(app, found4, warehouse)).ShouldBe(4);
        (await OnHandAsync(app, exact, warehouse)).ShouldBe(6);
        (await LedgerSumAsync(app, short3, warehouse)).ShouldBe(7);
        (await LedgerSumAsync(app, found4, warehouse)).ShouldBe(4);
        (await MovesOfAsync(id)).ShouldBe(2);
        var moves = await app.WithDbAsync(db => db.StockMoves.Where(m => m.DocumentType == StockAdjustment.DocumentType && m.DocumentId == id).OrderBy(m => m.DocumentLine).ToListAsync());
        moves.Select(m => (m.Kind, m.Quantity, m.UnitCost)).ShouldBe([(StockMoveKind.Adjustment, -3m, 8m), (StockMoveKind.Adjustment, 4m, 2.5m)]);
    }

    [Fact]
    public async Task Approve_ComparesWithTheStockAtApproval_NotAtCounting()
    {
        var product = await ProductWithStockAsync(10);
        var warehouse = await DefaultWarehouseAsync(app);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 8 } } }))["id"]!.GetValue<long>();
        var task = await SubmitAsync(zhou, id);
        (await PostAsync(app, StockMoveKind.Receipt, product, warehouse, 5, 10m)).IsSuccess.ShouldBeTrue();

        using var approved = await CompleteAsync(cai, task, new { action = "approve" });

        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var line = (await ReadAsync(cai, id))["lines"]!.AsArray().Single()!;
        line["onHand"]!.GetValue<decimal>().ShouldBe(15);
        line["difference"]!.GetValue<decimal>().ShouldBe(-7);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(8);
        (await LedgerSumAsync(app, product, warehouse)).ShouldBe(8);
    }

    [Fact]
    public async Task Approve_SentTwiceAtOnce_PostsTheDifferenceOnce()
    {
        var product = await ProductWithStockAsync(20);
        var warehouse = await DefaultWarehouseAsync(app);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        using var cai1 = await app.ApiAsAsync("caijingli");
        using var cai2 = await app.ApiAsAsync("caijingli");
        var id = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 17 } } }))["id"]!.GetValue<long>();
        var task = await SubmitAsync(zhou, id);

        var answers = await Task.WhenAll(CompleteAsync(cai1, task, new { action = "approve" }), CompleteAsync(cai2, task, new { action = "approve" }));

        answers.Select(a => a.StatusCode).OrderBy(s => s).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await MovesOfAsync(id)).ShouldBe(1);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(17);
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task Reject_NeedsAnOpinion_AndThenEndsTheCountWithoutMovingStock()
    {
        var product = await ProductWithStockAsync(5);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateAsync(wang, new { lines = new[] { new { productId = product, counted = 1 } } }))["id"]!.GetValue<long>();
        var task = await SubmitAsync(wang, id);

        using var withoutOpinion = await CompleteAsync(cai, task, new { action = "reject" });
        withoutOpinion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutOpinion.FieldErrorsAsync("opinion")).ShouldBe(["意见不能为空"]);
        using var rejected = await CompleteAsync(cai, task, new { action = "reject", opinion = "差异太大，请复盘" });

        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(cai, id))["state"]!.GetValue<string>().ShouldBe("rejected");
        (await MovesOfAsync(id)).ShouldBe(0);
        (await OnHandAsync(app, product, await DefaultWarehouseAsync(app))).ShouldBe(5);
    }

    [Fact]
    public async Task Return_GivesItBackToTheCounter_WhoEditsAndResubmits()
    {
        var product = await ProductWithStockAsync(5);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 50 } } }))["id"]!.GetValue<long>();
        var task = await SubmitAsync(zhou, id);

        using var returned = await CompleteAsync(cai, task, new { action = "return", opinion = "数量是否多输了一个 0？" });
        returned.StatusCode.ShouldBe(HttpStatusCode.OK);
        var back = await ReadAsync(zhou, id);
        back["state"]!.GetValue<string>().ShouldBe("returned");
        using var edited = await zhou.PutAsJsonAsync($"/api/v1/stock-adjustments/{id}", new
        {
            version = back["version"]!.GetValue<int>(),
            lines = new[] { new { productId = product, counted = 5 } },
        });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var again = await SubmitAsync(zhou, id);
        using var approved = await CompleteAsync(cai, again, new { action = "approve" });

        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(cai, id))["lines"]!.AsArray().Single()!["difference"]!.GetValue<decimal>().ShouldBe(0);
        (await MovesOfAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task Create_WithBadLines_NamesEachFieldAndSavesNothing()
    {
        var product = await ProductWithStockAsync(3);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var before = await app.WithDbAsync(db => db.StockAdjustments.CountAsync());
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);

        var problem = await CreateAsync(zhou, new
        {
            countedOn = tomorrow,
            lines = new object[]
            {
                new { productId = product, counted = -1 },
                new { productId = product, counted = 2.5m },
                new { productId = 999_999_999L, counted = 1 },
                new { counted = 1.23456m },
            },
        }, HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        errors["countedOn"]!.AsArray().Single()!.GetValue<string>().ShouldBe("盘点日期不能晚于今天");
        errors["lines[0].counted"]!.AsArray().Single()!.GetValue<string>().ShouldBe("实盘数量不能小于 0");
        errors["lines[1].productId"]!.AsArray().Single()!.GetValue<string>().ShouldStartWith("商品“");
        errors["lines[1].productId"]!.AsArray().Single()!.GetValue<string>().ShouldEndWith("”已在第 1 行录入");
        errors["lines[2].productId"]!.AsArray().Single()!.GetValue<string>().ShouldBe("商品的取值无效");
        errors["lines[3].productId"]!.AsArray().Single()!.GetValue<string>().ShouldBe("商品不能为空");
        errors["lines[3].counted"]!.AsArray().Single()!.GetValue<string>().ShouldBe("实盘数量最多 3 位小数");
        var empty = await CreateAsync(zhou, new { lines = Array.Empty<object>() }, HttpStatusCode.BadRequest);
        empty["errors"]!["lines"]!.AsArray().Single()!.GetValue<string>().ShouldBe("请至少录入一个商品");
        (await app.WithDbAsync(db => db.StockAdjustments.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_ByASalesperson_IsRefusedWithTheReason()
    {
        var product = await ProductWithStockAsync(3);
        using var lin = await app.ApiAsAsync("xiaolin");

        var problem = await CreateAsync(lin, new { lines = new[] { new { productId = product, counted = 1 } } }, HttpStatusCode.Forbidden);

        problem["detail"]!.GetValue<string>().ShouldBe("只有仓库管理员和采购员可以录入库存盘点单");
        (await lin.GetAsync("/api/v1/stock-adjustments")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnlyTheCounter_EditsADraft_AndNobodyEditsItOnceSubmitted()
    {
        var product = await ProductWithStockAsync(3);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        var draft = await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 2 } } });
        var id = draft["id"]!.GetValue<long>();
        var edit = new { version = draft["version"]!.GetValue<int>(), lines = new[] { new { productId = product, counted = 9 } } };

        using var byOther = await wang.PutAsJsonAsync($"/api/v1/stock-adjustments/{id}", edit);
        byOther.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var task = await SubmitAsync(zhou, id);
        using var afterSubmit = await zhou.PutAsJsonAsync($"/api/v1/stock-adjustments/{id}", edit);
        afterSubmit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await afterSubmit.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("盘点单已提交，不能修改");
        using var purchaserApproves = await CompleteAsync(wang, task, new { action = "approve" });
        purchaserApproves.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var fieldsAtReview = await CompleteAsync(cai, task, new { action = "approve", fields = new { notes = "改一下" } });
        fieldsAtReview.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await ReadAsync(cai, id))["lines"]!.AsArray().Single()!["counted"]!.GetValue<decimal>().ShouldBe(2);
        (await MovesOfAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_Is409AndChangesNothing()
    {
        var product = await ProductWithStockAsync(3);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var draft = await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 2 } } });
        var id = draft["id"]!.GetValue<long>();
        var version = draft["version"]!.GetValue<int>();
        using var first = await zhou.PutAsJsonAsync($"/api/v1/stock-adjustments/{id}", new { version, notes = "第一次", lines = new[] { new { productId = product, counted = 3 } } });
        first.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var stale = await zhou.PutAsJsonAsync($"/api/v1/stock-adjustments/{id}", new { version, notes = "过期", lines = new[] { new { productId = product, counted = 4 } } });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var now = await ReadAsync(zhou, id);
        now["notes"]!.GetValue<string>().ShouldBe("第一次");
        now["lines"]!.AsArray().Single()!["counted"]!.GetValue<decimal>().ShouldBe(3);
    }

    [Fact]
    public async Task Delete_ADraftByItsCounter_RemovesIt_ButASubmittedCountStays()
    {
        var product = await ProductWithStockAsync(3);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var draft = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 2 } } }))["id"]!.GetValue<long>();
        var submitted = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 2 } } }))["id"]!.GetValue<long>();
        await SubmitAsync(zhou, submitted);

        (await zhou.DeleteAsync($"/api/v1/stock-adjustments/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var refused = await zhou.DeleteAsync($"/api/v1/stock-adjustments/{submitted}");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("盘点单已提交过，不能删除");
        (await app.WithDbAsync(db => db.StockAdjustments.Select(a => a.Id).Where(x => x == draft || x == submitted).ToListAsync())).ShouldBe([submitted]);
    }

    [Fact]
    public async Task DeleteProduct_NamedOnACount_IsRefusedWithAClearMessage()
    {
        var product = await ProductWithStockAsync(0);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 1 } } });
        using var admin = await app.ApiAsAsync("admin");

        using var response = await admin.DeleteAsync($"/api/v1/products/{product}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain("1 张库存盘点单");
        (await app.WithDbAsync(db => db.Products.AnyAsync(p => p.Id == product))).ShouldBeTrue();
    }

    [Fact]
    public async Task List_FiltersByStateAndProduct()
    {
        var product = await ProductWithStockAsync(4);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var draft = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 4 } } }))["id"]!.GetValue<long>();
        var inReview = (await CreateAsync(zhou, new { lines = new[] { new { productId = product, counted = 3 } } }))["id"]!.GetValue<long>();
        await SubmitAsync(zhou, inReview);

        var byProduct = await (await zhou.GetAsync($"/api/v1/stock-adjustments?productId={product}")).ReadObjectAsync();
        var reviewOnly = await (await zhou.GetAsync($"/api/v1/stock-adjustments?productId={product}&state=review")).ReadObjectAsync();

        byProduct["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ShouldBe([inReview, draft]);
        reviewOnly["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ShouldBe([inReview]);
    }
}

public sealed class StockAdjustmentApiTestsOnSqlite(SqliteApp app) : StockAdjustmentApiTests(app), IClassFixture<SqliteApp>;

public sealed class StockAdjustmentApiTestsOnPostgres(PostgresApp app) : StockAdjustmentApiTests(app), IClassFixture<PostgresApp>;
