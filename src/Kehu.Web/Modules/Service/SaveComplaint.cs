using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Service;

/// <summary>A complaint as the API sends it; the form converts its local time to this.</summary>
public sealed class ComplaintInput
{
    public long? CompanyId { get; set; }
    public string? Subject { get; set; }
    public long? TypeId { get; set; }
    public long? ChannelId { get; set; }
    public long? UrgencyId { get; set; }
    /// <summary>相关商品, optional.</summary>
    public long? ProductId { get; set; }
    public string? ContactName { get; set; }
    public string? Details { get; set; }
    /// <summary>接收时间; empty means now.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
    public int? Version { get; set; }
}

/// <summary>Registers and edits complaints, and submits them into their workflow. A complaint can be
/// edited by its 接待人 while it is a draft, and by the submitter when it is returned to them; after
/// submission nobody edits it outside the workflow's steps.</summary>
public sealed class SaveComplaint(
    KehuDbContext db,
    ComplaintScope scope,
    CustomerLookups lookups,
    ProductCatalog products,
    NumberingService numbering,
    WorkflowEngine engine,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<Complaint>> CreateAsync(long userId, ComplaintInput input, CancellationToken ct)
    {
        var details = await ValidateAsync(userId, input, existing: null, ct);
        if (!details.IsSuccess) return details.Error!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var complaint = new Complaint(await numbering.NextAsync("complaint", ct), userId, details.Value);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return complaint;
    }

    public async Task<Result<Complaint>> UpdateAsync(long userId, long id, ComplaintInput input, CancellationToken ct)
    {
        var may = await MayEditAsync(userId, id, ct);
        if (!may.IsSuccess) return may.Error!;
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var complaint = await db.Complaints.FirstAsync(c => c.Id == id, ct);
        var details = await ValidateAsync(userId, input, complaint, ct);
        if (!details.IsSuccess) return details.Error!;
        db.Entry(complaint).Property(c => c.Version).OriginalValue = input.Version.Value;
        complaint.Edit(details.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return complaint;
    }

    /// <summary>Whether the user may change the complaint's registration now (404 when they cannot see it).</summary>
    public async Task<Result<bool>> MayEditAsync(long userId, long id, CancellationToken ct)
    {
        var complaint = await (await scope.VisibleAsync(userId, ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return Error.NotFound(l["投诉单不存在或无权访问"]);
        var fields = await engine.EditableFieldsAsync(ComplaintWorkflow.DocumentType, id, userId, ct);
        if (fields is null)
            return complaint.ReceivedById == userId ? true : Error.Forbidden(l["只有接待人可以修改草稿"]);
        if (!complaint.IsEditable || !ComplaintWorkflow.RegisterFields.All(fields.Contains))
            return Error.Forbidden(l["投诉单已提交，不能修改"]);
        return true;
    }

    public async Task<Result<ActResult>> SubmitAsync(long userId, long id, CancellationToken ct)
    {
        var complaint = await (await scope.VisibleAsync(userId, ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return Error.NotFound(l["投诉单不存在或无权访问"]);
        if (complaint.ReceivedById != userId && await engine.InstanceAsync(ComplaintWorkflow.DocumentType, id, ct) is null)
            return Error.Forbidden(l["只有接待人可以提交该投诉"]);
        return await engine.SubmitAsync(ComplaintWorkflow.DocumentType, id, userId, null, ct);
    }

    private async Task<Result<ComplaintDetails>> ValidateAsync(long userId, ComplaintInput input, Complaint? existing, CancellationToken ct)
    {
        var v = new Validation();
        var check = new FieldChecks(v, l, lookups);
        if (input.CompanyId is null) v.Add("companyId", l["{0}不能为空", l["客户名称"]]);
        else if (input.CompanyId != existing?.CompanyId && !await (await scope.CompaniesAsync(userId, ct)).AnyAsync(c => c.Id == input.CompanyId, ct))
            v.Add("companyId", l["{0}的取值无效", l["客户名称"]]);
        var subject = check.Required("subject", "投诉主题", input.Subject, 200);
        await check.OptionAsync("typeId", "投诉类型", OptionLists.ComplaintType, input.TypeId, existing?.TypeId, ct);
        await check.OptionAsync("channelId", "投诉方式", OptionLists.ComplaintChannel, input.ChannelId, existing?.ChannelId, ct);
        await check.OptionAsync("urgencyId", "紧急程度", OptionLists.ComplaintUrgency, input.UrgencyId, existing?.UrgencyId, ct);
        await CheckProductAsync(v, input.ProductId, existing?.ProductId, ct);
        check.Length("contactName", "联系人", input.ContactName, 64);
        check.Length("details", "投诉内容", input.Details, 4000);
        var now = clock.GetUtcNow();
        if (input.ReceivedAt > now.AddMinutes(10)) v.Add("receivedAt", l["{0}不能晚于当前时间", l["接收时间"]]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        var received = input.ReceivedAt?.UtcDateTime ?? existing?.ReceivedAt ?? now.UtcDateTime;
        return new ComplaintDetails(input.CompanyId!.Value, subject!, input.TypeId, input.ChannelId, input.UrgencyId,
            input.ProductId, input.ContactName, input.Details, new DateTime(received.Ticks - received.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }

    /// <summary>相关商品 must exist; a deactivated product is no longer offered, but a complaint that
    /// already names it keeps it.</summary>
    private async Task CheckProductAsync(Validation v, long? productId, long? current, CancellationToken ct)
    {
        if (productId is not { } id) return;
        var product = await products.FindAsync(id, ct);
        if (product is null) v.Add("productId", l["{0}的取值无效", l["相关商品"]]);
        else if (!product.IsActive && id != current) v.Add("productId", l["{0}已停用，不能选择", l["相关商品"]]);
    }
}
