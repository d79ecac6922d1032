using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Service;

/// <summary>The complaint pages, the 办理 page and the workbench, driven like a browser.</summary>
public abstract class ComplaintPagesTests(KehuApp app)
{
    private async Task<long> CompanyIdAsync() =>
        await app.WithDbAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    /// <summary>小李 registers and submits through the form; returns the complaint and the manager's task.</summary>
    private async Task<(long Complaint, long Task)> RegisterAndSubmitAsync(PageClient xiaoli, string subject)
    {
        using var response = await xiaoli.SubmitFormAsync("/service/complaints/new", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = (await CompanyIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Subject"] = subject,
            ["Input.Details"] = "页面登记的投诉",
            ["submit"] = "true",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var complaint = await app.WithDbAsync(db => db.Complaints.Where(c => c.Subject == subject).Select(c => c.Id).SingleAsync());
        var task = await app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.DocumentId == complaint && t.Status == WorkflowTaskStatus.Pending).Select(t => t.Id).SingleAsync());
        return (complaint, task);
    }

    [Fact]
    public async Task NewComplaint_WithoutCompanyOrSubject_NamesBothFieldsAndSavesNothing()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var before = await app.WithDbAsync(db => db.Complaints.CountAsync());

        using var response = await xiaoli.SubmitFormAsync("/service/complaints/new", new Dictionary<string, string> { ["Input.Details"] = "没有主题" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.QuerySelector("[data-valmsg-for='Input.Subject']")!.TextContent.Trim().ShouldBe("投诉主题不能为空");
        doc.QuerySelector("main")!.TextContent.ShouldContain("客户名称不能为空");
        (await app.WithDbAsync(db => db.Complaints.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task ManagerSeesTheTaskOnTheWorkbench_WithACountInTheNavigation_AndHandlesItThroughTheTaskPage()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var subject = "页面流程" + Guid.NewGuid().ToString("N")[..6];
        var (complaint, task) = await RegisterAndSubmitAsync(xiaoli, subject);
        using var sun = await app.BrowserAsAsync("sunjingli");

        var workbench = await sun.GetDocumentAsync("/");
        int.Parse(workbench.QuerySelector("#pending-count")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        var row = workbench.QuerySelector($"#pending-tasks tr[data-task-id='{task}']").ShouldNotBeNull();
        row.TextContent.ShouldContain(subject);
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/tasks/{task}");

        var page = await sun.GetDocumentAsync($"/tasks/{task}");
        page.QuerySelector("textarea[name='Fields[resolution]']").ShouldNotBeNull();
        page.QuerySelector("[name='Fields[completion]']").ShouldBeNull();
        page.QuerySelector("#field-subject")!.GetAttribute("data-readonly").ShouldBe("true");

        using var done = await sun.SubmitFormAsync($"/tasks/{task}", new Dictionary<string, string>
        {
            ["action"] = "assign",
            ["AssignTo"] = (await app.UserIdAsync("xiaozhang")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Opinion"] = "请处理",
        });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint))).State.ShouldBe(ComplaintState.InService);

        var detail = await xiaoli.GetDocumentAsync($"/service/complaints/{complaint}");
        detail.QuerySelector("#complaint-state")!.TextContent.ShouldBe("服务中");
        detail.QuerySelectorAll("#timeline .timeline-entry").Select(e => e.GetAttribute("data-action")).ShouldBe(["submit", "assign"]);
    }

    [Fact]
    public async Task AServiceField_PostedAtTheManagersStep_IsRefusedOnThePage_AndNothingChanges()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var (complaint, task) = await RegisterAndSubmitAsync(xiaoli, "页面越权字段" + Guid.NewGuid().ToString("N")[..6]);
        using var sun = await app.BrowserAsAsync("sunjingli");
        var page = await sun.GetDocumentAsync($"/tasks/{task}");
        var form = page.QuerySelector<IHtmlFormElement>("#task-form")!;

        using var response = await sun.PostFormAsync(form, $"/tasks/{task}", new Dictionary<string, string>
        {
            ["action"] = "approve",
            ["Fields[resolution]"] = "结案",
            ["Fields[completion]"] = "100",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).QuerySelector("main")!.TextContent.ShouldContain("当前步骤（技术部经理处理）不能修改字段：completion");
        var saved = await app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint));
        (saved.State, saved.Resolution).ShouldBe((ComplaintState.Review, (string?)null));
        (await app.WithDbAsync(db => db.WorkflowTasks.AsNoTracking().SingleAsync(t => t.Id == task))).Status.ShouldBe(WorkflowTaskStatus.Pending);
        (await app.WithDbAsync(db => db.WorkflowHistory.CountAsync(h => h.DocumentType == "complaint" && h.DocumentId == complaint))).ShouldBe(1);
    }

    [Fact]
    public async Task AfterSubmission_XiaoliCannotOpenTheEditForm_OrPostIt()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var subject = "提交后不可改" + Guid.NewGuid().ToString("N")[..6];
        var (complaint, _) = await RegisterAndSubmitAsync(xiaoli, subject);

        using var get = await xiaoli.Http.GetAsync($"/service/complaints/{complaint}/edit");
        get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        get.Headers.Location!.ToString().ShouldBe($"/service/complaints/{complaint}");
        var detail = await xiaoli.GetDocumentAsync($"/service/complaints/{complaint}");
        detail.QuerySelector($"a[href='/service/complaints/{complaint}/edit']").ShouldBeNull();

        var form = (await xiaoli.GetDocumentAsync("/service/complaints/new")).QuerySelector<IHtmlFormElement>("#complaint-form")!;
        using var forged = await xiaoli.PostFormAsync(form, $"/service/complaints/{complaint}/edit", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = (await CompanyIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Subject"] = "偷偷修改",
            ["Input.Version"] = "2",
        });
        (await PageClient.ParseAsync(forged)).QuerySelector("main")!.TextContent.ShouldContain("投诉单已提交，不能修改");
        (await app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint))).Subject.ShouldBe(subject);
    }

    [Fact]
    public async Task DoneAndSubmittedPages_ListWhatTheUserHandledAndSubmitted()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var subject = "已办我发起" + Guid.NewGuid().ToString("N")[..6];
        var (_, task) = await RegisterAndSubmitAsync(xiaoli, subject);
        using var sun = await app.BrowserAsAsync("sunjingli");
        (await sun.SubmitFormAsync($"/tasks/{task}", new Dictionary<string, string> { ["action"] = "approve", ["Fields[resolution]"] = "已解决" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await sun.GetDocumentAsync("/tasks/done")).QuerySelector("#done-table")!.TextContent.ShouldContain(subject);
        var submitted = (await xiaoli.GetDocumentAsync("/tasks/submitted")).QuerySelector("#submitted-table")!;
        submitted.TextContent.ShouldContain(subject);
        submitted.TextContent.ShouldContain("已完成");
    }

    [Fact]
    public async Task CompanyPage_ShowsItsComplaints_AndListsFilterByState()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var subject = "单位页投诉" + Guid.NewGuid().ToString("N")[..6];
        var (complaint, _) = await RegisterAndSubmitAsync(xiaoli, subject);
        using var admin = await app.BrowserAsAsync("admin");

        var company = await admin.GetDocumentAsync($"/customers/companies/{await CompanyIdAsync()}");
        company.QuerySelector("#complaints")!.TextContent.ShouldContain(subject);

        var review = await xiaoli.GetDocumentAsync("/service/complaints?state=review");
        review.QuerySelector("#complaints-table")!.TextContent.ShouldContain(subject);
        var closed = await xiaoli.GetDocumentAsync("/service/complaints?state=closed");
        (closed.QuerySelector("#complaints-table")?.TextContent ?? "").ShouldNotContain(subject);
        (await xiaoli.GetDocumentAsync("/service/tickets")).QuerySelector("h1")!.TextContent.ShouldContain("客户服务单");
        complaint.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DemoData_HasComplaintsInEveryState()
    {
        var states = await app.WithDbAsync(db => db.Complaints.Select(c => c.State).Distinct().ToListAsync());
        states.ShouldBe(Enum.GetValues<ComplaintState>(), ignoreOrder: true);
        (await app.WithDbAsync(db => db.ServiceTickets.Select(t => t.Status).Distinct().CountAsync())).ShouldBeGreaterThanOrEqualTo(2);
    }
}

public sealed class ComplaintPagesTestsOnSqlite(SqliteApp app) : ComplaintPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ComplaintPagesTestsOnPostgres(PostgresApp app) : ComplaintPagesTests(app), IClassFixture<PostgresApp>;
