using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Service;

/// <summary>The complaint workflow over HTTP: 小李 registers and submits, 孙经理 assigns or closes,
/// 小张 handles the service ticket.</summary>
public abstract class ComplaintWorkflowApiTests(KehuApp app)
{
    private async Task<long> CompanyIdAsync() =>
        await app.WithDbAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private async Task<long> RegisterAsync(HttpClient xiaoli, string subject = "设备异响")
    {
        using var response = await xiaoli.PostAsJsonAsync("/api/v1/complaints", new { companyId = await CompanyIdAsync(), subject = subject + Guid.NewGuid().ToString("N")[..6], details = "客户来电反映设备运行有异响" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private static async Task<long> SubmitAsync(HttpClient xiaoli, long complaintId)
    {
        using var response = await xiaoli.PostAsync($"/api/v1/complaints/{complaintId}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    private static async Task<JsonObject> CompleteAsync(HttpClient api, long taskId, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await api.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    private static async Task<List<long>> PendingTaskIdsAsync(HttpClient api, long complaintId)
    {
        var body = await (await api.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        return body["items"]!.AsArray()
            .Where(t => t!["documentType"]!.GetValue<string>() == "complaint" && t["documentId"]!.GetValue<long>() == complaintId)
            .Select(t => t!["id"]!.GetValue<long>()).ToList();
    }

    private Task<Complaint> ComplaintAsync(long id) => app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<int> HistoryCountAsync(long id) =>
        app.WithDbAsync(db => db.WorkflowHistory.CountAsync(h => h.DocumentType == "complaint" && h.DocumentId == id));

    private Task<List<WorkflowTask>> TasksAsync(long id) =>
        app.WithDbAsync(db => db.WorkflowTasks.AsNoTracking().Where(t => t.DocumentType == "complaint" && t.DocumentId == id).OrderBy(t => t.Id).ToListAsync());

    [Fact]
    public async Task WholeFlow_XiaoliSubmits_SunAssignsXiaozhang_XiaozhangCompletesAt100_ClosesTheComplaint()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        var xiaozhangId = await app.UserIdAsync("xiaozhang");
        var id = await RegisterAsync(xiaoli);

        var reviewTask = await SubmitAsync(xiaoli, id);
        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.Review);
        (await PendingTaskIdsAsync(sun, id)).ShouldBe([reviewTask]);

        var assigned = await CompleteAsync(sun, reviewTask, new { action = "assign", assigneeId = xiaozhangId, opinion = "请小张上门处理" });
        var serviceTask = assigned["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.InService);
        (await PendingTaskIdsAsync(zhang, id)).ShouldBe([serviceTask]);
        (await PendingTaskIdsAsync(sun, id)).ShouldBeEmpty();

        var done = await CompleteAsync(zhang, serviceTask, new
        {
            action = "approve",
            fields = new { serviceStaffId = xiaozhangId, completion = 100, workDone = "更换轴承，试运行正常", serviceHours = 2.5, feedback = "客户满意" },
        });

        done["state"]!.GetValue<string>().ShouldBe("completed");
        var complaint = await ComplaintAsync(id);
        complaint.State.ShouldBe(ComplaintState.Closed);
        complaint.ClosedAt.ShouldNotBeNull();
        var ticket = await app.WithDbAsync(db => db.ServiceTickets.AsNoTracking().SingleAsync(t => t.ComplaintId == id));
        (ticket.Status, ticket.Completion, ticket.ServiceStaffId, ticket.ServiceHours, ticket.WorkDone).ShouldBe((ServiceTicketState.Done, (int?)100, (long?)xiaozhangId, (decimal?)2.5m, "更换轴承，试运行正常"));
        (await TasksAsync(id)).ShouldAllBe(t => t.Status == WorkflowTaskStatus.Done);

        var history = await (await xiaoli.GetAsync($"/api/v1/complaints/{id}/history")).ReadObjectAsync();
        var steps = history["workflow"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToList();
        steps.ShouldBe(["submit", "assign", "approve"]);
        var last = history["workflow"]!.AsArray()[2]!;
        last["changes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ShouldContain("Completion");
        var instance = await app.WithDbAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.DocumentType == "complaint" && i.DocumentId == id));
        instance.State.ShouldBe(WorkflowState.Completed);
    }

    [Fact]
    public async Task Transfer_HandsTheTicketToAnotherServicePerson_AndAnIneligibleOneIsRefusedChangingNothing()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        using var admin = await app.ApiAsAsync("admin");
        var colleagueLogin = "svc" + Guid.NewGuid().ToString("N")[..8];
        var colleagueId = (await Kehu.IntegrationTests.Modules.Administration.AdminTestHelpers.CreateUserAsync(admin, colleagueLogin, "Service-Pass-123", "service-staff"))["id"]!.GetValue<long>();
        using var colleague = await Kehu.IntegrationTests.Modules.Administration.AdminTestHelpers.ApiWithPasswordAsync(app, colleagueLogin, "Service-Pass-123");
        var id = await RegisterAsync(xiaoli);
        var review = await SubmitAsync(xiaoli, id);
        var assigned = await CompleteAsync(sun, review, new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang") });
        var ticketTask = assigned["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
        var historyBefore = await HistoryCountAsync(id);

        var refused = await CompleteAsync(zhang, ticketTask, new { action = "transfer", assigneeId = await app.UserIdAsync("xiaolin") }, HttpStatusCode.BadRequest);
        refused["errors"]!["assigneeId"].ShouldNotBeNull();
        (await TasksAsync(id)).Single(t => t.Id == ticketTask).Status.ShouldBe(WorkflowTaskStatus.Pending);
        (await HistoryCountAsync(id)).ShouldBe(historyBefore);

        var handed = await CompleteAsync(zhang, ticketTask, new { action = "transfer", assigneeId = colleagueId, opinion = "我出差，请同事处理" });
        var colleagueTask = handed["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
        (await PendingTaskIdsAsync(zhang, id)).ShouldBeEmpty();
        (await PendingTaskIdsAsync(colleague, id)).ShouldBe([colleagueTask]);
        await CompleteAsync(zhang, colleagueTask, new { action = "approve", fields = new { serviceStaffId = colleagueId, completion = 100 } }, HttpStatusCode.Forbidden);
        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.InService);

        await CompleteAsync(colleague, colleagueTask, new { action = "approve", fields = new { serviceStaffId = colleagueId, completion = 100, workDone = "更换密封件" } });

        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.Closed);
        var ticket = await app.WithDbAsync(db => db.ServiceTickets.AsNoTracking().SingleAsync(t => t.ComplaintId == id));
        ticket.ServiceStaffId.ShouldBe(colleagueId);
    }

    [Fact]
    public async Task PartialCompletion_GoesBackToTheManager_WhoReassigns_ThenItCloses()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        var xiaozhangId = await app.UserIdAsync("xiaozhang");
        var id = await RegisterAsync(xiaoli, "控制器报警");
        var review = await SubmitAsync(xiaoli, id);
        var service = (await CompleteAsync(sun, review, new { action = "assign", assigneeId = xiaozhangId }))["newTaskIds"]!.AsArray().Single()!.GetValue<long>();

        var partial = await CompleteAsync(zhang, service, new { action = "approve", serviceStaffId = xiaozhangId, completion = 60, workDone = "已排查，缺配件" });

        partial["step"]!.GetValue<string>().ShouldBe("review");
        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.Review);
        var again = (await PendingTaskIdsAsync(sun, id)).ShouldHaveSingleItem();
        (await PendingTaskIdsAsync(zhang, id)).ShouldBeEmpty();

        var second = (await CompleteAsync(sun, again, new { action = "assign", assigneeId = xiaozhangId, opinion = "配件已到，请继续" }))["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
        await CompleteAsync(zhang, second, new { action = "approve", fields = new { serviceStaffId = xiaozhangId, completion = 100 } });

        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.Closed);
        var tickets = await app.WithDbAsync(db => db.ServiceTickets.AsNoTracking().Where(t => t.ComplaintId == id).OrderBy(t => t.Id).ToListAsync());
        tickets.Select(t => t.Completion).ShouldBe([60, 100]);
        (await HistoryCountAsync(id)).ShouldBe(5);
    }

    [Fact]
    public async Task Manager_ClosesItAsResolved_WithANote()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        var id = await RegisterAsync(xiaoli, "咨询操作方法");
        var review = await SubmitAsync(xiaoli, id);

        var missing = await CompleteAsync(sun, review, new { action = "approve" }, HttpStatusCode.BadRequest);
        missing["errors"]!["resolution"]!.AsArray().Single()!.GetValue<string>().ShouldBe("结案说明不能为空");
        await CompleteAsync(sun, review, new { action = "approve", fields = new { resolution = "电话指导客户操作，问题已解决" } });

        var complaint = await ComplaintAsync(id);
        (complaint.State, complaint.Resolution).ShouldBe((ComplaintState.Closed, "电话指导客户操作，问题已解决"));
        (await app.WithDbAsync(db => db.ServiceTickets.CountAsync(t => t.ComplaintId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task NotTheAssignee_CannotCompleteTheTask_AndStateAndHistoryAreUnchanged()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        var id = await RegisterAsync(xiaoli);
        var review = await SubmitAsync(xiaoli, id);
        var historyBefore = await HistoryCountAsync(id);

        await CompleteAsync(xiaolin, review, new { action = "approve", fields = new { resolution = "越权结案" } }, HttpStatusCode.Forbidden);
        await CompleteAsync(zhang, review, new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang") }, HttpStatusCode.Forbidden);
        await CompleteAsync(xiaoli, review, new { action = "return", opinion = "自己退回" }, HttpStatusCode.Forbidden);

        var complaint = await ComplaintAsync(id);
        (complaint.State, complaint.Resolution).ShouldBe((ComplaintState.Review, (string?)null));
        (await HistoryCountAsync(id)).ShouldBe(historyBefore);
        (await TasksAsync(id)).Single(t => t.Id == review).Status.ShouldBe(WorkflowTaskStatus.Pending);
        (await app.WithDbAsync(db => db.ServiceTickets.CountAsync(t => t.ComplaintId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Xiaoli_CannotEditTheComplaintAfterSubmission_UntilItIsReturnedToHer()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        var id = await RegisterAsync(xiaoli);
        var companyId = await CompanyIdAsync();
        var review = await SubmitAsync(xiaoli, id);
        var before = await ComplaintAsync(id);

        using var edit = await xiaoli.PutAsJsonAsync($"/api/v1/complaints/{id}", new { companyId, subject = "提交后改主题", version = before.Version });

        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var after = await ComplaintAsync(id);
        (after.Subject, after.Version).ShouldBe((before.Subject, before.Version));

        await CompleteAsync(sun, review, new { action = "return", opinion = "请补充联系人" });
        var returned = await ComplaintAsync(id);
        returned.State.ShouldBe(ComplaintState.Returned);
        using var fixedUp = await xiaoli.PutAsJsonAsync($"/api/v1/complaints/{id}", new { companyId, subject = before.Subject, contactName = "王工", version = returned.Version });
        fixedUp.StatusCode.ShouldBe(HttpStatusCode.OK, await fixedUp.Content.ReadAsStringAsync());
        (await PendingTaskIdsAsync(xiaoli, id)).ShouldHaveSingleItem();
        await SubmitAsync(xiaoli, id);
        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.Review);
        (await PendingTaskIdsAsync(xiaoli, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AServiceStaffField_SentAtTheManagersStep_IsRefusedNamingIt_AndNothingChanges()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        var id = await RegisterAsync(xiaoli);
        var review = await SubmitAsync(xiaoli, id);
        var historyBefore = await HistoryCountAsync(id);
        var versionBefore = (await ComplaintAsync(id)).Version;

        var refused = await CompleteAsync(sun, review,
            new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang"), fields = new { completion = 100 } }, HttpStatusCode.Forbidden);

        refused["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["completion"]);
        refused["detail"]!.GetValue<string>().ShouldContain("completion");
        var complaint = await ComplaintAsync(id);
        (complaint.State, complaint.Version).ShouldBe((ComplaintState.Review, versionBefore));
        (await HistoryCountAsync(id)).ShouldBe(historyBefore);
        (await TasksAsync(id)).Single(t => t.Id == review).Status.ShouldBe(WorkflowTaskStatus.Pending);
        (await app.WithDbAsync(db => db.ServiceTickets.CountAsync(t => t.ComplaintId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task TwoParallelCompletions_OfTheSameTask_MakeExactlyOneTransition()
    {
        var xiaozhangId = await app.UserIdAsync("xiaozhang");
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var first = await app.ApiAsAsync("sunjingli");
        using var second = await app.ApiAsAsync("sunjingli");
        for (var round = 0; round < 5; round++)
        {
            var id = await RegisterAsync(xiaoli, $"并发{round}");
            var review = await SubmitAsync(xiaoli, id);
            var start = new TaskCompletionSource();
            Task<HttpResponseMessage> Send(HttpClient client) => Task.Run(async () =>
            {
                await start.Task;
                return await client.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { action = "assign", assigneeId = xiaozhangId });
            });
            var a = Send(first);
            var b = Send(second);
            start.SetResult();
            var responses = await Task.WhenAll(a, b);

            responses.Select(r => r.StatusCode).Order().ToList().ShouldBe(new List<HttpStatusCode> { HttpStatusCode.OK, HttpStatusCode.Conflict }, $"round {round}");
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            (await loser.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("该任务已由 孙经理 处理");
            (await app.WithDbAsync(db => db.ServiceTickets.CountAsync(t => t.ComplaintId == id))).ShouldBe(1);
            (await HistoryCountAsync(id)).ShouldBe(2);
            (await TasksAsync(id)).Count(t => t.Status == WorkflowTaskStatus.Pending).ShouldBe(1);
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task SubmittingTwice_IsAConflict()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        var id = await RegisterAsync(xiaoli);
        await SubmitAsync(xiaoli, id);

        using var again = await xiaoli.PostAsync($"/api/v1/complaints/{id}/submit", null);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await HistoryCountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task ServiceFields_AreRequiredAndChecked_WhenHandlingTheTicket()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        var id = await RegisterAsync(xiaoli);
        var review = await SubmitAsync(xiaoli, id);
        var service = (await CompleteAsync(sun, review, new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang") }))["newTaskIds"]!.AsArray().Single()!.GetValue<long>();

        var empty = await CompleteAsync(zhang, service, new { action = "approve" }, HttpStatusCode.BadRequest);
        empty["errors"]!["serviceStaffId"]!.AsArray().Single()!.GetValue<string>().ShouldBe("服务人员不能为空");
        empty["errors"]!["completion"]!.AsArray().Single()!.GetValue<string>().ShouldBe("完成度不能为空");
        var outOfRange = await CompleteAsync(zhang, service, new { action = "approve", fields = new { serviceStaffId = await app.UserIdAsync("xiaozhang"), completion = 120 } }, HttpStatusCode.BadRequest);
        outOfRange["errors"]!["completion"].ShouldNotBeNull();
        var notStaff = await CompleteAsync(zhang, service, new { action = "approve", fields = new { serviceStaffId = await app.UserIdAsync("xiaolin"), completion = 50 } }, HttpStatusCode.BadRequest);
        notStaff["errors"]!["serviceStaffId"].ShouldNotBeNull();

        (await ComplaintAsync(id)).State.ShouldBe(ComplaintState.InService);
        (await TasksAsync(id)).Single(t => t.Id == service).Status.ShouldBe(WorkflowTaskStatus.Pending);
    }

    [Fact]
    public async Task Visibility_ServiceStaffSeeWhatTheyWereAssigned_ASalespersonOnlyTheirCustomersComplaints()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var xiaowang = await app.ApiAsAsync("xiaowang");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        var id = await RegisterAsync(xiaoli);

        (await zhang.GetAsync($"/api/v1/complaints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await xiaowang.GetAsync($"/api/v1/complaints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var review = await SubmitAsync(xiaoli, id);
        using var sun = await app.ApiAsAsync("sunjingli");
        await CompleteAsync(sun, review, new { action = "assign", assigneeId = await app.UserIdAsync("xiaozhang") });
        (await zhang.GetAsync($"/api/v1/complaints/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await (await zhang.GetAsync("/api/v1/service-tickets?state=open")).ReadObjectAsync();
        list["items"]!.AsArray().Select(t => t!["complaintId"]!.GetValue<long>()).ShouldContain(id);
    }

    [Fact]
    public async Task Comment_AddsToTheHistory_AndLeavesTheTaskPending()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        var id = await RegisterAsync(xiaoli);
        var review = await SubmitAsync(xiaoli, id);

        await CompleteAsync(sun, review, new { action = "comment" }, HttpStatusCode.BadRequest);
        await CompleteAsync(sun, review, new { action = "comment", opinion = "先联系客户确认型号" });
        await CompleteAsync(sun, review, new { action = "pay" }, HttpStatusCode.BadRequest);

        (await TasksAsync(id)).Single(t => t.Id == review).Status.ShouldBe(WorkflowTaskStatus.Pending);
        var history = await (await sun.GetAsync($"/api/v1/complaints/{id}/history")).ReadObjectAsync();
        history["workflow"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ShouldBe(["submit", "comment"]);
        history["workflow"]!.AsArray()[1]!["opinion"]!.GetValue<string>().ShouldBe("先联系客户确认型号");
    }

    [Fact]
    public async Task TaskList_ShowsTheStepsActionsAndEditableFields_AndTheOpenApiDocumentDescribesTheWorkflowRoutes()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        var id = await RegisterAsync(xiaoli);
        var review = await SubmitAsync(xiaoli, id);

        var task = await (await sun.GetAsync($"/api/v1/tasks/{review}")).ReadObjectAsync();
        task["step"]!.GetValue<string>().ShouldBe("review");
        task["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["approve", "assign", "return", "transfer", "comment"]);
        task["fields"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["resolution"]);
        (await (await app.ApiAsAsync("xiaowang")).GetAsync($"/api/v1/tasks/{review}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var openApi = await app.Anonymous().GetStringAsync("/api/v1/openapi.json");
        openApi.ShouldContain("/api/v1/tasks/{id}/complete");
        openApi.ShouldContain("/api/v1/complaints/{id}/submit");
        openApi.ShouldContain("/api/v1/service-tickets");
    }

    [Fact]
    public async Task List_PagesNewestFirstWithoutGaps_AndFiltersByStateTypeAndPeriod()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        var company = (await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = "投诉列表" + Guid.NewGuid().ToString("N")[..8] })).ReadObjectAsync())["id"]!.GetValue<long>();
        var type = await app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == "complaint-type").Select(o => o.Id).FirstAsync());
        var times = Enumerable.Range(0, 5).Select(i => new DateTimeOffset(2026, 3, 1 + i * 3, 9, 0, 0, TimeSpan.FromHours(8))).ToList();
        var ids = new List<long>();
        foreach (var (at, i) in times.Select((t, i) => (t, i)))
        {
            using var created = await xiaoli.PostAsJsonAsync("/api/v1/complaints", new { companyId = company, subject = $"列表{i}", receivedAt = at, typeId = i % 2 == 0 ? type : (long?)null });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids.Add((await created.ReadObjectAsync())["id"]!.GetValue<long>());
        }
        await SubmitAsync(xiaoli, ids[0]);

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await (await xiaoli.GetAsync($"/api/v1/complaints?companyId={company}&limit=2&cursor={cursor}")).ReadObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        seen.ShouldBe(Enumerable.Reverse(ids).ToList());

        async Task<List<long>> Ids(string query) =>
            (await (await xiaoli.GetAsync($"/api/v1/complaints?companyId={company}&{query}")).ReadObjectAsync())["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ToList();
        (await Ids("state=review")).ShouldBe([ids[0]]);
        (await Ids("state=draft")).Count.ShouldBe(4);
        (await Ids($"typeId={type}")).ShouldBe([ids[4], ids[2], ids[0]]);
        (await Ids("from=2026-03-04&to=2026-03-07")).ShouldBe([ids[2], ids[1]]);
    }
}

public sealed class ComplaintWorkflowApiTestsOnSqlite(SqliteApp app) : ComplaintWorkflowApiTests(app), IClassFixture<SqliteApp>;

public sealed class ComplaintWorkflowApiTestsOnPostgres(PostgresApp app) : ComplaintWorkflowApiTests(app), IClassFixture<PostgresApp>;
