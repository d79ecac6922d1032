using System.Globalization;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>How the change history shows a customer-module field: its label (a resource key) and
/// its values as names rather than ids.</summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [nameof(Customers.Company.Name)] = "单位名称",
        [nameof(Customers.Company.NormalizedName)] = "单位名称",
        [nameof(Customers.Company.IsCustomer)] = "客户",
        [nameof(Customers.Company.IsSupplier)] = "供应商",
        [nameof(Customers.Company.LevelId)] = "客户等级",
        [nameof(Customers.Company.SourceId)] = "客户来源",
        [nameof(Customers.Company.IndustryId)] = "所属行业",
        [nameof(Customers.Company.RegionId)] = "所在地区",
        [nameof(Customers.Company.StatusId)] = "客户状态",
        [nameof(Customers.Company.Address)] = "地址",
        [nameof(Customers.Company.Phone)] = "电话",
        [nameof(Customers.Company.Fax)] = "传真",
        [nameof(Customers.Company.Website)] = "网址",
        [nameof(Customers.Company.Email)] = "邮箱",
        [nameof(Customers.Company.OwnerId)] = "负责人",
        [nameof(Customers.Company.FirstContactAt)] = "首次联系时间",
        [nameof(Customers.Company.LastContactAt)] = "最后联系时间",
        [nameof(Customers.Company.Notes)] = "备注",
        [CompanyShare.HistoryFieldName] = "共享给",
        [nameof(Contact.CompanyId)] = "单位名称",
        [nameof(Contact.Gender)] = "性别",
        [nameof(Contact.Title)] = "职务",
        [nameof(Contact.Department)] = "部门",
        [nameof(Contact.Mobile)] = "手机",
        [nameof(Contact.WeChat)] = "微信",
        [nameof(Contact.Birthday)] = "生日",
        [nameof(Contact.IsPrimary)] = "主要联系人",
        [nameof(ContactRecord.ContactedAt)] = "联系时间",
        [nameof(ContactRecord.ContactId)] = "联系人",
        [nameof(ContactRecord.ContactName)] = "联系人",
        [nameof(ContactRecord.MethodId)] = "联系方式",
        [nameof(ContactRecord.Content)] = "联系内容",
        [nameof(ContactRecord.Result)] = "联系结果",
        [nameof(ContactRecord.NextContactAt)] = "下次联系时间",
        [nameof(ContactRecord.RecorderId)] = "记录人",
    };

    private static readonly Dictionary<string, string> OptionFields = new(StringComparer.Ordinal)
    {
        [nameof(Customers.Company.LevelId)] = OptionLists.CustomerLevel,
        [nameof(Customers.Company.SourceId)] = OptionLists.CustomerSource,
        [nameof(Customers.Company.IndustryId)] = OptionLists.Industry,
        [nameof(Customers.Company.RegionId)] = OptionLists.Region,
        [nameof(Customers.Company.StatusId)] = OptionLists.CustomerStatus,
        [nameof(ContactRecord.MethodId)] = OptionLists.ContactMethod,
    };

    /// <summary>Where one entity names a shared field differently (a contact's Name is not 单位名称).</summary>
    private static readonly Dictionary<(string Entity, string Field), string> EntityLabels = new()
    {
        [(nameof(Contact), nameof(Contact.Name))] = "联系人姓名",
    };

    public static string Label(string field) => Labels.GetValueOrDefault(field, field);

    /// <summary>The label of a field of <paramref name="entityType"/> (the change log's entity name).</summary>
    public static string Label(string field, string entityType) =>
        EntityLabels.GetValueOrDefault((entityType, field)) ?? Label(field);

    /// <summary>The resource key that names a gender.</summary>
    public static string GenderLabel(Gender gender) => gender switch
    {
        Gender.Unspecified => "未填写",
        Gender.Male => "男",
        Gender.Female => "女",
        _ => throw new ArgumentOutOfRangeException(nameof(gender), gender, null),
    };

    /// <summary>A logged value as a person reads it.</summary>
    public static async Task<string> DisplayAsync(string field, string? raw, CustomerLookups lookups, KehuDbContext db, CompanyTimeZone zone, Func<string, string> l)
    {
        if (raw is null) return "—";
        if (OptionFields.TryGetValue(field, out var list) && long.TryParse(raw, CultureInfo.InvariantCulture, out var optionId))
            return await lookups.OptionNameAsync(list, optionId) ?? raw;
        if (field is nameof(Customers.Company.OwnerId) or nameof(ContactRecord.RecorderId) or CompanyShare.HistoryFieldName && long.TryParse(raw, CultureInfo.InvariantCulture, out var userId))
            return await lookups.UserNameAsync(userId) ?? raw;
        if (field == nameof(Contact.CompanyId) && long.TryParse(raw, CultureInfo.InvariantCulture, out var companyId))
            return await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync() ?? raw;
        if (field == nameof(Contact.Gender) && Enum.TryParse<Gender>(raw, out var gender) && Enum.IsDefined(gender))
            return l(GenderLabel(gender));
        if (field == nameof(Contact.Birthday) && DateOnly.TryParse(raw, CultureInfo.InvariantCulture, out var day))
            return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (raw is "True" or "False") return l(raw == "True" ? "是" : "否");
        if (DateTime.TryParseExact(raw, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            return zone.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return raw;
    }
}
