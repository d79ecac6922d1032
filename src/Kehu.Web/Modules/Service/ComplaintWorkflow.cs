using System.Globalization;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Service;

/// <summary>
/// The complaint's workflow (SPEC §3.2): 客服人员 registers and submits → 技术部经理 closes it with a
/// note, or assigns a 服务人员, which creates a 客户服务单 → the service person records the result;
/// at 100% the complaint closes, below it goes back to the manager, who may assign again.
/// </summary>
public sealed class ComplaintWorkflow(
    KehuDbContext db,
    NumberingService numbering,
    ComplaintScope scope,
    CustomerLookups lookups,
    ProductCatalog products,
    WorkflowDirectory directory,
    CompanyTimeZone zone,
    IStringLocalizer<SharedResource> l) : IWorkflowDocument, IDescribesFields
{
    public const string DocumentType = "complaint";
    public const string Register = "register";
    public const string Review = "review";
    public const string Service = "service";

    public static readonly string[] RegisterFields = ["companyId", "subject", "typeId", "channelId", "urgencyId", "productId", "contactName", "details", "receivedAt"];
    public static readonly string[] ReviewFields = ["resolution"];
    public static readonly string[] ServiceFields = ["serviceStaffId", "completion", "workDone", "serviceHours", "feedback"];

    public static readonly WorkflowDefinition Workflow = new(DocumentType, "客户投诉单",
    [
        new StepDefinition(Register, "登记投诉", new Actor.Submitter(), RegisterFields,
        [
            new StepAction(WorkflowAction.Submit, "提交", [Review]),
        ]),
        new StepDefinition(Review, "技术部经理处理", new Actor.Role(RoleCodes.TechnicalManager), ReviewFields,
        [
            new StepAction(WorkflowAction.Approve, "结案", [WorkflowDefinition.End]),
            new StepAction(WorkflowAction.Assign, "指派服务人员", [Service]),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Transfer, "转交"),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Register),
        new StepDefinition(Service, "服务人员处理", new Actor.Chosen(RoleCodes.ServiceStaff), ServiceFields,
        [
            new StepAction(WorkflowAction.Approve, "提交处理结果", [WorkflowDefinition.End, Review]),
            new StepAction(WorkflowAction.Return, "退回", OpinionRequired: true),
            new StepAction(WorkflowAction.Transfer, "转交"),
            new StepAction(WorkflowAction.Comment, "评论"),
        ], ReturnTo: Review),
    ]);

    public WorkflowDefinition Definition => Workflow;

    public async Task<Result<ActionOutcome>> ApplyAsync(WorkflowContext context, CancellationToken ct)
    {
        var complaint = await db.Complaints.FirstAsync(c => c.Id == context.Instance.DocumentId, ct);
        var title = Title(complaint);
        switch (context.Step.Code, context.Action.Kind)
        {
            case (Register, WorkflowAction.Submit):
                if (complaint.ReceivedById != context.UserId && context.Instance.SubmitterId != context.UserId)
                    return Error.Forbidden(l["只有接待人可以提交该投诉"]);
                complaint.Submit();
                return new ActionOutcome(complaint, title);

            case (Review, WorkflowAction.Approve):
            {
                var v = new Validation();
                var resolution = context.Fields.Text("resolution");
                if (resolution is null) v.Add("resolution", l["{0}不能为空", l["结案说明"]]);
                else if (resolution.Length > 2000) v.Add("resolution", l["{0}不能超过 {1} 个字符", l["结案说明"], 2000]);
                if (!v.IsValid) return v.ToError(l["请检查输入"]);
                complaint.NoteResolution(resolution);
                complaint.Close(context.Now);
                return new ActionOutcome(complaint, title);
            }

            case (Review, WorkflowAction.Assign):
            {
                if (context.AssigneeId is not { } staff)
                    return new Validation().Add("assigneeId", l["请选择服务人员"]).ToError(l["请检查输入"]);
                var note = NoteIfSent(complaint, context.Fields);
                if (note is not null) return note;
                complaint.AssignService();
                db.ServiceTickets.Add(new ServiceTicket(await numbering.NextAsync("service-ticket", ct), complaint, staff, context.Now));
                return new ActionOutcome(complaint, title);
            }

            case (Review, WorkflowAction.Return):
            {
                var note = NoteIfSent(complaint, context.Fields);
                if (note is not null) return note;
                complaint.ReturnToSubmitter();
                return new ActionOutcome(complaint, title);
            }

            case (Review, WorkflowAction.Transfer):
                return new ActionOutcome(null, title);

            case (Service, WorkflowAction.Approve):
            {
                var ticket = await OpenTicketAsync(complaint.Id, ct);
                var result = await ServiceResultAsync(context.Fields, ct);
                if (!result.IsSuccess) return result.Error!;
                ticket.Record(result.Value, context.Now);
                if (result.Value.Completion == 100)
                {
                    complaint.Close(context.Now);
                    return new ActionOutcome(ticket, title, WorkflowDefinition.End);
                }
                complaint.BackToReview();
                return new ActionOutcome(ticket, title, Review);
            }

            case (Service, WorkflowAction.Return):
            {
                var ticket = await OpenTicketAsync(complaint.Id, ct);
                ticket.Withdraw(context.Now);
                complaint.BackToReview();
                return new ActionOutcome(ticket, title);
            }

            case (Service, WorkflowAction.Transfer):
            {
                var ticket = await OpenTicketAsync(complaint.Id, ct);
                ticket.HandTo(context.AssigneeId!.Value);
                return new ActionOutcome(ticket, title);
            }

            default:
                throw new InvalidOperationException($"The complaint workflow does not handle {context.Step.Code}.{context.Action.Kind}.");
        }
    }

    public static string Title(Complaint c) => $"{c.Number} {c.Subject}";

    private Error? NoteIfSent(Complaint complaint, StepFields fields)
    {
        if (!fields.Has("resolution")) return null;
        var resolution = fields.Text("resolution");
        if (resolution is { Length: > 2000 })
            return new Validation().Add("resolution", l["{0}不能超过 {1} 个字符", l["结案说明"], 2000]).ToError(l["请检查输入"]);
        complaint.NoteResolution(resolution);
        return null;
    }

    private async Task<ServiceTicket> OpenTicketAsync(long complaintId, CancellationToken ct) =>
        await db.ServiceTickets.Where(t => t.ComplaintId == complaintId && t.Status == ServiceTicketState.Open)
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException($"Complaint {complaintId} is at the service step without an open ticket.");

    private async Task<Result<ServiceResult>> ServiceResultAsync(StepFields f, CancellationToken ct)
    {
        var v = new Validation();
        var staff = f.Id("serviceStaffId", out var staffValid);
        if (!staffValid) v.Add("serviceStaffId", l["{0}的取值无效", l["服务人员"]]);
        else if (staff is null) v.Add("serviceStaffId", l["{0}不能为空", l["服务人员"]]);
        else if ((await directory.ActiveUsersAsync(RoleCodes.ServiceStaff, ct)).All(u => u.Id != staff))
            v.Add("serviceStaffId", l["{0}的取值无效", l["服务人员"]]);

        var completion = f.Number("completion", out var completionValid);
        if (!completionValid) v.Add("completion", l["{0}必须是 0 到 100 的整数", l["完成度"]]);
        else if (completion is null) v.Add("completion", l["{0}不能为空", l["完成度"]]);
        else if (completion is < 0 or > 100 || completion != decimal.Truncate(completion.Value))
            v.Add("completion", l["{0}必须是 0 到 100 的整数", l["完成度"]]);

        var hours = f.Number("serviceHours", out var hoursValid);
        if (!hoursValid || hours is < 0 or > 10_000) v.Add("serviceHours", l["{0}必须是 0 到 10000 之间的数字", l["服务时间"]]);
        var workDone = f.Text("workDone");
        if (workDone is { Length: > 4000 }) v.Add("workDone", l["{0}不能超过 {1} 个字符", l["处理过程"], 4000]);
        var feedback = f.Text("feedback");
        if (feedback is { Length: > 2000 }) v.Add("feedback", l["{0}不能超过 {1} 个字符", l["客户反馈"], 2000]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new ServiceResult(staff!.Value, (int)completion!.Value, workDone, hours is { } h ? Math.Round(h, 2) : null, feedback);
    }

    public async Task<bool> CanSeeAsync(long userId, long documentId, CancellationToken ct) =>
        await (await scope.VisibleAsync(userId, ct)).AnyAsync(c => c.Id == documentId, ct);

    public string TaskUrl(WorkflowTask task) =>
        task.Step == Register ? $"/service/complaints/{task.DocumentId}/edit" : $"/tasks/{task.Id}";

    public string DocumentUrl(long documentId) => $"/service/complaints/{documentId}";

    public async Task<IReadOnlyList<DraftItem>> DraftsAsync(long userId, int limit, CancellationToken ct) =>
        (await db.Complaints.AsNoTracking().Where(c => c.ReceivedById == userId && c.State == ComplaintState.Draft)
            .OrderByDescending(c => c.UpdatedAt).Take(limit).Select(c => new { c.Id, c.Number, c.Subject, c.UpdatedAt }).ToListAsync(ct))
        .Select(c => new DraftItem(DocumentType, c.Id, $"{c.Number} {c.Subject}", c.UpdatedAt, $"/service/complaints/{c.Id}/edit")).ToList();

    public async Task<DocumentView?> ViewAsync(long documentId, StepDefinition step, long userId, CancellationToken ct)
    {
        var c = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == documentId, ct);
        if (c is null) return null;
        var company = await db.Companies.AsNoTracking().Where(x => x.Id == c.CompanyId).Select(x => x.Name).FirstAsync(ct);
        var fields = new List<FieldView>
        {
            ReadOnly("number", "单号", c.Number),
            ReadOnly("companyId", "客户名称", company),
            ReadOnly("subject", "投诉主题", c.Subject),
            ReadOnly("typeId", "投诉类型", await lookups.OptionNameAsync(OptionLists.ComplaintType, c.TypeId, ct)),
            ReadOnly("channelId", "投诉方式", await lookups.OptionNameAsync(OptionLists.ComplaintChannel, c.ChannelId, ct)),
            ReadOnly("urgencyId", "紧急程度", await lookups.OptionNameAsync(OptionLists.ComplaintUrgency, c.UrgencyId, ct)),
            ReadOnly("productId", "相关商品", await ProductNameAsync(c.ProductId, ct)),
            ReadOnly("contactName", "联系人", c.ContactName),
            ReadOnly("details", "投诉内容", c.Details, FieldKind.LongText),
            ReadOnly("receivedById", "接待人", await lookups.UserNameAsync(c.ReceivedById, ct)),
            ReadOnly("receivedAt", "接收时间", zone.ToLocal(c.ReceivedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        };
        var tickets = await db.ServiceTickets.AsNoTracking().Where(t => t.ComplaintId == c.Id).OrderByDescending(t => t.Id).ToListAsync(ct);
        var last = tickets.FirstOrDefault(t => t.Status == ServiceTicketState.Done);
        if (last is not null)
        {
            fields.Add(ReadOnly("lastCompletion", "上次服务完成度", $"{last.Completion}%"));
            fields.Add(ReadOnly("lastWorkDone", "上次处理过程", last.WorkDone, FieldKind.LongText));
        }
        var editable = step.Fields.ToHashSet(StringComparer.Ordinal);
        fields.Add(new FieldView("resolution", "结案说明", FieldKind.LongText, c.Resolution, c.Resolution, editable.Contains("resolution"),
            Hint: editable.Contains("resolution") ? "结案时必填" : null));
        if (step.Code == Service)
        {
            var open = tickets.FirstOrDefault(t => t.Status == ServiceTicketState.Open);
            fields.Add(ReadOnly("ticketNumber", "服务单号", open?.Number));
            var staff = (await directory.ActiveUsersAsync(RoleCodes.ServiceStaff, ct))
                .Select(u => (u.Id.ToString(CultureInfo.InvariantCulture), u.DisplayName)).ToList();
            var staffId = (open?.ServiceStaffId ?? userId).ToString(CultureInfo.InvariantCulture);
            fields.Add(new FieldView("serviceStaffId", "服务人员", FieldKind.User, staffId, null, true, Required: true, Choices: staff));
            fields.Add(new FieldView("completion", "完成度", FieldKind.Number, open?.Completion?.ToString(CultureInfo.InvariantCulture), null, true, Required: true, Hint: "0–100，100 表示已解决"));
            fields.Add(new FieldView("workDone", "处理过程", FieldKind.LongText, open?.WorkDone, null, true));
            fields.Add(new FieldView("serviceHours", "服务时间", FieldKind.Number, open?.ServiceHours?.ToString(CultureInfo.InvariantCulture), null, true, Hint: "小时"));
            fields.Add(new FieldView("feedback", "客户反馈", FieldKind.LongText, open?.Feedback, null, true));
        }
        return new DocumentView(c.Number, c.Subject, DocumentUrl(c.Id), fields);
    }

    private static FieldView ReadOnly(string name, string label, string? display, FieldKind kind = FieldKind.Text) =>
        new(name, label, kind, display, display, false);

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [nameof(Complaint.CompanyId)] = "客户名称",
        [nameof(Complaint.Subject)] = "投诉主题",
        [nameof(Complaint.TypeId)] = "投诉类型",
        [nameof(Complaint.ChannelId)] = "投诉方式",
        [nameof(Complaint.UrgencyId)] = "紧急程度",
        [nameof(Complaint.ProductId)] = "相关商品",
        [nameof(Complaint.ContactName)] = "联系人",
        [nameof(Complaint.Details)] = "投诉内容",
        [nameof(Complaint.ReceivedAt)] = "接收时间",
        [nameof(Complaint.State)] = "状态",
        [nameof(Complaint.Resolution)] = "结案说明",
        [nameof(Complaint.ClosedAt)] = "关闭时间",
        [nameof(ServiceTicket.AssignedToId)] = "办理人",
        [nameof(ServiceTicket.ServiceStaffId)] = "服务人员",
        [nameof(ServiceTicket.Completion)] = "完成度",
        [nameof(ServiceTicket.WorkDone)] = "处理过程",
        [nameof(ServiceTicket.ServiceHours)] = "服务时间",
        [nameof(ServiceTicket.Feedback)] = "客户反馈",
        [nameof(ServiceTicket.CompletedAt)] = "完成时间",
        [nameof(ServiceTicket.Status)] = "服务单状态",
    };

    /// <summary>相关商品 as people read it: its code and name.</summary>
    public async Task<string?> ProductNameAsync(long? productId, CancellationToken ct) =>
        productId is { } id && await products.FindAsync(id, ct) is { } p ? $"{p.Code} {p.Name}" : null;

    public string FieldLabel(string property) => Labels.GetValueOrDefault(property, property);

    public async Task<string> DisplayAsync(string property, string? raw, CancellationToken ct)
    {
        if (raw is null) return "—";
        switch (property)
        {
            case nameof(Complaint.State) when Enum.TryParse<ComplaintState>(raw, out var state) && Enum.IsDefined(state):
                return l[ComplaintLabels.State(state)];
            case nameof(ServiceTicket.Status) when Enum.TryParse<ServiceTicketState>(raw, out var ts) && Enum.IsDefined(ts):
                return l[ComplaintLabels.TicketState(ts)];
            case nameof(ServiceTicket.ServiceStaffId) or nameof(ServiceTicket.AssignedToId) when long.TryParse(raw, CultureInfo.InvariantCulture, out var userId):
                return await lookups.UserNameAsync(userId, ct) ?? raw;
            case nameof(ServiceTicket.Completion):
                return raw + "%";
            case nameof(Complaint.ProductId) when long.TryParse(raw, CultureInfo.InvariantCulture, out var productId):
                return await ProductNameAsync(productId, ct) ?? raw;
        }
        if (DateTime.TryParseExact(raw, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            return zone.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return raw;
    }
}

/// <summary>The resource keys naming complaint and ticket states.</summary>
public static class ComplaintLabels
{
    public static string State(ComplaintState state) => state switch
    {
        ComplaintState.Draft => "草稿",
        ComplaintState.Returned => "已退回",
        ComplaintState.Review => "待处理",
        ComplaintState.InService => "服务中",
        ComplaintState.Closed => "已关闭",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string TicketState(ServiceTicketState state) => state switch
    {
        ServiceTicketState.Open => "待服务",
        ServiceTicketState.Done => "已完成",
        ServiceTicketState.Withdrawn => "已退回",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Api(ComplaintState state) => state switch
    {
        ComplaintState.Draft => "draft",
        ComplaintState.Returned => "returned",
        ComplaintState.Review => "review",
        ComplaintState.InService => "inService",
        ComplaintState.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
