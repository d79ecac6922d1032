using System.Net;
using Kehu.IntegrationTests.Infrastructure;

namespace Kehu.IntegrationTests.Platform;

public abstract class OperationsTests(KehuApp app)
{
    [Fact]
    public async Task Healthz_WhenDatabaseIsUp_AnswersHealthyWithoutLogin()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"database\":\"Healthy\"");
    }

    [Fact]
    public async Task OpenApiDocument_IsServedAtApiV1_AndListsCompanies()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/api/v1/openapi.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("/api/v1/companies");
        text.ShouldContain("/api/v1/auth/login");
    }

    [Fact]
    public async Task ApiDocsPage_IsBrowsable()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/api/docs/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("openapi.json");
    }
}

public sealed class OperationsTestsOnSqlite(SqliteApp app) : OperationsTests(app), IClassFixture<SqliteApp>;

public sealed class OperationsTestsOnPostgres(PostgresApp app) : OperationsTests(app), IClassFixture<PostgresApp>;
