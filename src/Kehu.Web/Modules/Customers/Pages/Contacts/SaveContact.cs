using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

/// <summary>A contact as the edit form and the API send it.</summary>
public sealed class ContactInput
{
    public long? CompanyId { get; set; }
    public string? Name { get; set; }
    /// <summary><c>male</c>, <c>female</c> or <c>unspecified</c> (also when empty).</summary>
    public string? Gender { get; set; }
    public string? Title { get; set; }
    public string? Department { get; set; }
    public string? Mobile { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Wechat { get; set; }
    /// <summary><c>yyyy-MM-dd</c>; text so that a malformed date is a field error, not a failed request.</summary>
    public string? Birthday { get; set; }
    public bool IsPrimary { get; set; }
    public string? Notes { get; set; }
    /// <summary>The version the client read; required for an edit.</summary>
    public int? Version { get; set; }

    public static ContactInput From(Contact c) => new()
    {
        CompanyId = c.CompanyId,
        Name = c.Name,
        Gender = ContactText.Gender(c.Gender),
        Title = c.Title,
        Department = c.Department,
        Mobile = c.Mobile,
        Phone = c.Phone,
        Email = c.Email,
        Wechat = c.WeChat,
        Birthday = c.Birthday?.ToString(ContactText.DateFormat, CultureInfo.InvariantCulture),
        IsPrimary = c.IsPrimary,
        Notes = c.Notes,
        Version = c.Version,
    };
}

/// <summary>How a contact's gender and birthday are spelled in forms and in the API.</summary>
public static class ContactText
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Gender(Gender g) => g switch
    {
        Customers.Gender.Unspecified => "unspecified",
        Customers.Gender.Male => "male",
        Customers.Gender.Female => "female",
        _ => throw new ArgumentOutOfRangeException(nameof(g), g, null),
    };

    public static Gender? ParseGender(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "unspecified" => Customers.Gender.Unspecified,
        "male" => Customers.Gender.Male,
        "female" => Customers.Gender.Female,
        _ => null,
    };
}

/// <summary>Creates and edits contacts, for the edit page and the API alike. A contact lives in a
/// company the user may see; marking it 主要联系人 takes the mark from the company's other contacts
/// in the same save.</summary>
public sealed class SaveContact(
    KehuDbContext db,
    DataScopeProvider scopes,
    CustomerLookups lookups,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<Contact>> CreateAsync(long userId, ContactInput input, CancellationToken ct)
    {
        var checkedInput = await ValidateAsync(userId, input, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;

        var contact = new Contact(checkedInput.Value);
        db.Contacts.Add(contact);
        var saved = await SaveAsync(contact, ct);
        return saved.IsSuccess ? contact : saved.Error!;
    }

    public async Task<Result<Contact>> UpdateAsync(long userId, long id, ContactInput input, CancellationToken ct)
    {
        var visible = await ContactScope.VisibleAsync(db, scopes, userId, ct);
        if (!await visible.AnyAsync(c => c.Id == id, ct)) return Error.NotFound(l["联系人不存在或无权访问"]);
        if (input.Version is null)
            return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);

        var checkedInput = await ValidateAsync(userId, input, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;
        var contact = await db.Contacts.Include(c => c.SearchGrams).FirstAsync(c => c.Id == id, ct);
        db.Entry(contact).Property(c => c.Version).OriginalValue = input.Version.Value;
        contact.Apply(checkedInput.Value);
        var saved = await SaveAsync(contact, ct);
        return saved.IsSuccess ? contact : saved.Error!;
    }

    /// <summary>Tracked, so the change is saved with the contact (one transaction) and shows in
    /// the other contact's history.</summary>
    private async Task UnmarkOtherPrimariesAsync(Contact contact, CancellationToken ct)
    {
        var others = await db.Contacts
            .Where(c => c.CompanyId == contact.CompanyId && c.IsPrimary && c.Id != contact.Id)
            .ToListAsync(ct);
        foreach (var other in others) other.UnmarkPrimary();
    }

    /// <summary>Saves the contact. Marking it primary first locks the company's row in the same
    /// transaction, so two people marking two contacts primary at once take turns: the second sees
    /// the first's mark and takes it, and the company keeps one primary contact.</summary>
    private async Task<Result<bool>> SaveAsync(Contact contact, CancellationToken ct)
    {
        try
        {
            if (!contact.IsPrimary)
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var companyId = contact.CompanyId;
            await db.Companies.Where(c => c.Id == companyId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), ct);
            await UnmarkOtherPrimariesAsync(contact, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
    }

    private Task<Result<ContactDetails>> ValidateAsync(long userId, ContactInput input, CancellationToken ct) =>
        ValidateAsync(userId, input, companyChecked: false, ct);

    /// <summary>The form's rules for one contact. An import finds the companies of a whole batch at
    /// once among those the user may see, and passes <paramref name="companyChecked"/> true.</summary>
    public async Task<Result<ContactDetails>> ValidateAsync(long userId, ContactInput input, bool companyChecked, CancellationToken ct)
    {
        var v = new Validation();
        var check = new FieldChecks(v, l, lookups);
        if (input.CompanyId is not { } companyId)
        {
            v.Add("companyId", l["{0}不能为空", l["单位名称"]]);
        }
        else if (!companyChecked)
        {
            var companies = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
            if (!await companies.AnyAsync(c => c.Id == companyId, ct)) v.Add("companyId", l["{0}的取值无效", l["单位名称"]]);
        }
        var name = check.Required("name", "联系人姓名", input.Name, 64);
        var gender = ContactText.ParseGender(input.Gender);
        if (gender is null) v.Add("gender", l["{0}的取值无效", l["性别"]]);
        check.Length("title", "职务", input.Title, 64);
        check.Length("department", "部门", input.Department, 64);
        check.Length("mobile", "手机", input.Mobile, 50);
        check.Length("phone", "电话", input.Phone, 50);
        check.Email("email", "邮箱", input.Email);
        check.Length("wechat", "微信", input.Wechat, 64);
        check.Length("notes", "备注", input.Notes, 2000);

        DateOnly? birthday = null;
        if (!string.IsNullOrWhiteSpace(input.Birthday))
        {
            if (!DateOnly.TryParseExact(input.Birthday.Trim(), ContactText.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                v.Add("birthday", l["{0}格式不正确", l["生日"]]);
            else if (date > zone.Today(clock))
                v.Add("birthday", l["{0}不能晚于今天", l["生日"]]);
            else
                birthday = date;
        }
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        return new ContactDetails(input.CompanyId!.Value, name!, gender!.Value, input.Title, input.Department,
            input.Mobile, input.Phone, input.Email, input.Wechat, birthday, input.IsPrimary, input.Notes);
    }
}

/// <summary>Deletes a contact. Its contact records stay: they keep the typed contact name and lose
/// the link (ON DELETE SET NULL).</summary>
public sealed class DeleteContact(KehuDbContext db, DataScopeProvider scopes, IStringLocalizer<SharedResource> l)
{
    public async Task<Result<bool>> HandleAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var visible = await ContactScope.VisibleAsync(db, scopes, userId, ct);
        if (!await visible.AnyAsync(c => c.Id == id, ct)) return Error.NotFound(l["联系人不存在或无权访问"]);
        var contact = await db.Contacts.FirstAsync(c => c.Id == id, ct);
        if (version is not null) db.Entry(contact).Property(c => c.Version).OriginalValue = version.Value;
        db.Contacts.Remove(contact);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return true;
    }
}
