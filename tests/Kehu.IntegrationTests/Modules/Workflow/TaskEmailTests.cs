using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Workflow.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Workflow;

/// <summary>E-mail to the assignee of a new task, through a real SMTP conversation with an in-process server.</summary>
public abstract class TaskEmailTests(KehuApp app, SmtpCatcher smtp)
{
    private async Task<string> GiveEmailAsync(string userName)
    {
        var email = $"{userName}.{Guid.NewGuid().ToString("N")[..6]}@example.test";
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedUserName == userName);
            user.Edit(user.DisplayName, email, user.DepartmentId, user.SupervisorId);
            await db.SaveChangesAsync();
        });
        return email;
    }

    private async Task<long> ReviewTaskAsync()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        var companyId = await app.WithDbAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var created = await (await xiaoli.PostAsJsonAsync("/api/v1/complaints", new { companyId, subject = "邮件通知" + Guid.NewGuid().ToString("N")[..6] })).ReadObjectAsync();
        var submitted = await (await xiaoli.PostAsync($"/api/v1/complaints/{created["id"]}/submit", null)).ReadObjectAsync();
        return submitted["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    [Fact]
    public async Task AssigningAServicePerson_EmailsThem_WithALinkToTheTask()
    {
        var email = await GiveEmailAsync("xiaozhang");
        var review = await ReviewTaskAsync();
        using var sun = await app.ApiAsAsync("sunjingli");

        var answer = await (await sun.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang") })).ReadObjectAsync();
        var task = answer["newTaskIds"]!.AsArray().Single()!.GetValue<long>();

        var mail = await smtp.WaitForAsync(m => m.To == email, TimeSpan.FromSeconds(20));
        mail.Data.ShouldContain($"http://kehu.example.test/tasks/{task}");
        await WaitUntilAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email && m.SentAt != null)));
    }

    [Fact]
    public async Task AFailingMailServer_NeverFailsTheAction_AndTheMessageIsRetriedLater()
    {
        var email = await GiveEmailAsync("xiaozhang");
        var review = await ReviewTaskAsync();
        using var sun = await app.ApiAsAsync("sunjingli");
        smtp.Refuse = true;
        try
        {
            using var response = await sun.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang") });
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            await WaitUntilAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email && m.LastError != null)));
            var failed = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email));
            failed.SentAt.ShouldBeNull();
            failed.Attempts.ShouldBe(1);
            failed.NextAttemptAt.ShouldBeGreaterThan(DateTime.UtcNow.AddSeconds(10));
        }
        finally
        {
            smtp.Refuse = false;
        }

        // When its time comes, the retry goes through.
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        await smtp.WaitForAsync(m => m.To == email, TimeSpan.FromSeconds(20));
        await WaitUntilAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email && m.SentAt != null && m.Attempts == 2)));
    }

    [Fact]
    public void Backoff_GrowsAndIsCapped()
    {
        OutboxSender.Backoff(1).ShouldBe(TimeSpan.FromSeconds(30));
        OutboxSender.Backoff(2).ShouldBe(TimeSpan.FromMinutes(1));
        OutboxSender.Backoff(20).ShouldBe(TimeSpan.FromHours(4));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The outbox did not get there in time.");
            await Task.Delay(100);
        }
    }
}

public sealed class TaskEmailTestsOnSqlite(SqliteMailApp app) : TaskEmailTests(app, app.Smtp), IClassFixture<SqliteMailApp>;

public sealed class TaskEmailTestsOnPostgres(PostgresMailApp app) : TaskEmailTests(app, app.Smtp), IClassFixture<PostgresMailApp>;
