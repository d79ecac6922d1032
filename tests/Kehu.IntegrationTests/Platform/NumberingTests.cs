using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;

namespace Kehu.IntegrationTests.Platform;

public abstract class NumberingTests(KehuApp app)
{
    [Fact]
    public async Task CompanyCodes_CreatedConcurrently_AreAllDistinct()
    {
        using var api = await app.ApiAsAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            api.PostAsJsonAsync("/api/v1/companies", new { name = $"并发编号{tag}-{i}" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var codes = new List<string>();
        foreach (var r in responses) codes.Add((await r.ReadObjectAsync())["code"]!.GetValue<string>());
        codes.Distinct().Count().ShouldBe(16);
        codes.ShouldAllBe(c => c.StartsWith('C'));
    }
}

public sealed class NumberingTestsOnSqlite(SqliteApp app) : NumberingTests(app), IClassFixture<SqliteApp>;

public sealed class NumberingTestsOnPostgres(PostgresApp app) : NumberingTests(app), IClassFixture<PostgresApp>;
