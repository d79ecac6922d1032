using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>A committed import starts at once on the node that queued it: with the worker's poll
/// set to ten minutes, only the wake from the commit can make it run within the test.</summary>
public abstract class ImportQueueTests(KehuApp app)
{
    [Fact]
    public async Task Commit_WakesTheWorker_WithoutWaitingForItsPoll()
    {
        var prefix = AdminTestHelpers.Unique("立即");
        using var lin = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(lin, "companies", Utf8Csv("单位名称", $"{prefix}-1", $"{prefix}-2"), "c.csv");
        var id = preview["id"]!.GetValue<long>();

        await CommitAsync(lin, id, "skipBadRows");

        var done = await WaitAsync(lin, id);
        (done["state"]!.GetValue<string>(), done.Int("created")).ShouldBe(("completed", 2));
        (await CompanyExistsAsync(app, $"{prefix}-2")).ShouldBeTrue();
    }
}

public sealed class SlowPollSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:Imports:PollSeconds", "600")];
}

public sealed class SlowPollPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:Imports:PollSeconds", "600")];
}

public sealed class ImportQueueTestsOnSqlite(SlowPollSqliteApp app) : ImportQueueTests(app), IClassFixture<SlowPollSqliteApp>;

public sealed class ImportQueueTestsOnPostgres(SlowPollPostgresApp app) : ImportQueueTests(app), IClassFixture<SlowPollPostgresApp>;
