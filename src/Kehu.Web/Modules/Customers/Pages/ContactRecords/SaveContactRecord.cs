using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.ContactRecords;

/// <summary>A contact record as the API sends it; the form converts its local times to this.</summary>
public sealed class ContactRecordInput
{
    public DateTimeOffset? ContactedAt { get; set; }
    public long? CompanyId { get; set; }
    /// <summary>A listed contact of the company, or empty when <see cref="ContactName"/> is typed by hand.</summary>
    public long? ContactId { get; set; }
    public string? ContactName { get; set; }
    public long? MethodId { get; set; }
    public string? Content { get; set; }
    public string? Result { get; set; }
    public DateTimeOffset? NextContactAt { get; set; }
    /// <summary>Empty means the current user (new records) or unchanged (edits).</summary>
    public long? RecorderId { get; set; }
    public int? Version { get; set; }
}

/// <summary>
/// Creates, edits and deletes contact records, keeping the companies' 首次/最后联系时间 right in the
/// same transaction — for both companies when a record moves (ContactTimes).
/// </summary>
public sealed class SaveContactRecord(
    KehuDbContext db,
    DataScopeProvider scopes,
    CustomerLookups lookups,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<IQueryable<ContactRecord>> VisibleAsync(long userId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        if (await CompanyScope.FewVisibleIdsAsync(db, scope, ct) is { } few)
            return db.ContactRecords.AsNoTracking().Where(r => few.Contains(r.CompanyId));
        var companies = CompanyScope.Visible(db, scope);
        return db.ContactRecords.AsNoTracking().Where(r => companies.Any(c => c.Id == r.CompanyId));
    }

    public async Task<Result<ContactRecord>> CreateAsync(long userId, ContactRecordInput input, CancellationToken ct)
    {
        var details = await ValidateAsync(userId, input, existing: null, ct);
        if (!details.IsSuccess) return details.Error!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = new ContactRecord(details.Value);
        db.ContactRecords.Add(record);
        await db.SaveChangesAsync(ct);
        await ContactTimes.RefreshAsync(db, [record.CompanyId], ct);
        await tx.CommitAsync(ct);
        return record;
    }

    public async Task<Result<ContactRecord>> UpdateAsync(long userId, long id, ContactRecordInput input, CancellationToken ct)
    {
        if (!await (await VisibleAsync(userId, ct)).AnyAsync(r => r.Id == id, ct)) return Error.NotFound(l["联系记录不存在或无权访问"]);
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var record = await db.ContactRecords.FirstAsync(r => r.Id == id, ct);
        var details = await ValidateAsync(userId, input, record, ct);
        if (!details.IsSuccess) return details.Error!;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var previousCompany = record.CompanyId;
        db.Entry(record).Property(r => r.Version).OriginalValue = input.Version.Value;
        record.Apply(details.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        await ContactTimes.RefreshAsync(db, [previousCompany, record.CompanyId], ct);
        await tx.CommitAsync(ct);
        return record;
    }

    public async Task<Result<bool>> DeleteAsync(long userId, long id, int? version, CancellationToken ct)
    {
        if (!await (await VisibleAsync(userId, ct)).AnyAsync(r => r.Id == id, ct)) return Error.NotFound(l["联系记录不存在或无权访问"]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await db.ContactRecords.FirstAsync(r => r.Id == id, ct);
        if (version is not null) db.Entry(record).Property(r => r.Version).OriginalValue = version.Value;
        db.ContactRecords.Remove(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        await ContactTimes.RefreshAsync(db, [record.CompanyId], ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task<Result<ContactRecordDetails>> ValidateAsync(long userId, ContactRecordInput input, ContactRecord? existing, CancellationToken ct) =>
        ValidateAsync(userId, input, existing, companyChecked: false, ct);

    /// <summary>The form's rules for one contact record. An import finds the companies of a whole batch
    /// at once among those the user may see, and their contacts, and passes <paramref name="companyChecked"/>
    /// true: the company is then one the user may see, and a contact id one of its contacts, named by
    /// <see cref="ContactRecordInput.ContactName"/>.</summary>
    public async Task<Result<ContactRecordDetails>> ValidateAsync(long userId, ContactRecordInput input, ContactRecord? existing, bool companyChecked, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        var v = new Validation();
        var check = new FieldChecks(v, l, lookups);
        var now = clock.GetUtcNow();

        if (input.ContactedAt is null) v.Add("contactedAt", l["{0}不能为空", l["联系时间"]]);
        else if (input.ContactedAt > now.AddMinutes(10)) v.Add("contactedAt", l["{0}不能晚于当前时间", l["联系时间"]]);
        if (input.NextContactAt is not null && input.ContactedAt is not null && input.NextContactAt < input.ContactedAt)
            v.Add("nextContactAt", l["{0}不能早于{1}", l["下次联系时间"], l["联系时间"]]);

        Contact? contact = null;
        if (input.CompanyId is null)
        {
            v.Add("companyId", l["{0}不能为空", l["单位名称"]]);
        }
        else if (!companyChecked)
        {
            var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
            if (!await visible.AnyAsync(c => c.Id == input.CompanyId, ct)) v.Add("companyId", l["{0}的取值无效", l["单位名称"]]);
            else if (input.ContactId is { } asked)
            {
                contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == asked && c.CompanyId == input.CompanyId, ct);
                if (contact is null) v.Add("contactId", l["联系人不属于该单位"]);
            }
        }
        var contactName = contact?.Name ?? input.ContactName?.Trim();
        var contactId = companyChecked ? input.ContactId : contact?.Id;
        if (contactId is null) check.Required("contactName", "联系人", contactName, 64);
        await check.OptionAsync("methodId", "联系方式", OptionLists.ContactMethod, input.MethodId, existing?.MethodId, ct);
        check.Length("content", "联系内容", input.Content, 4000);
        check.Length("result", "联系结果", input.Result, 2000);

        var recorder = input.RecorderId ?? existing?.RecorderId ?? userId;
        if (recorder != existing?.RecorderId && (await lookups.AssignableOwnersAsync(scope, ct)).All(u => u.Id != recorder))
            v.Add("recorderId", l["{0}的取值无效", l["记录人"]]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        return new ContactRecordDetails(
            Truncate(input.ContactedAt!.Value.UtcDateTime), input.CompanyId!.Value, contactId, contactName!,
            input.MethodId, input.Content, input.Result,
            input.NextContactAt is { } next ? Truncate(next.UtcDateTime) : null, recorder);
    }

    /// <summary>Times are kept to the second: both databases store that exactly.</summary>
    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
