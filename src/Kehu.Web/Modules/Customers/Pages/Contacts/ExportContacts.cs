using Kehu.Web.Platform.Export;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

/// <summary>The contact list as a file: the contacts the list shows with the same filters and order,
/// with all of a contact's fields (SPEC §3).</summary>
public sealed class ExportContacts(ListContacts list, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "联系人资料";

    public Task<ExportResponse> HandleAsync(long userId, string? format, ContactFilter filter, CancellationToken ct)
    {
        string yes = l["是"], no = l["否"], male = l["男"], female = l["女"];
        ExportColumn<ContactView>[] all =
        [
            new("联系人姓名", ExportKind.Text, v => v.Contact.Name),
            new("单位名称", ExportKind.Text, v => v.CompanyName),
            new("性别", ExportKind.Text, v => v.Contact.Gender switch { Gender.Male => male, Gender.Female => female, _ => null }),
            new("职务", ExportKind.Text, v => v.Contact.Title),
            new("部门", ExportKind.Text, v => v.Contact.Department),
            new("手机", ExportKind.Code, v => v.Contact.Mobile),
            new("电话", ExportKind.Code, v => v.Contact.Phone),
            new("邮箱", ExportKind.Text, v => v.Contact.Email),
            new("微信", ExportKind.Text, v => v.Contact.WeChat),
            new("生日", ExportKind.Date, v => v.Contact.Birthday),
            new("主要联系人", ExportKind.Text, v => v.Contact.IsPrimary ? yes : no),
            new("备注", ExportKind.Text, v => v.Contact.Notes),
            new("创建时间", ExportKind.DateTime, v => v.Contact.CreatedAt),
            new("更新时间", ExportKind.DateTime, v => v.Contact.UpdatedAt),
        ];
        return exporter.ListAsync(format, Title, all, (cursor, token) => list.HandleAsync(userId, filter with { Cursor = cursor }, token), ct);
    }
}
