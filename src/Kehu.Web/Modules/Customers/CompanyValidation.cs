using System.Net.Mail;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers;

/// <summary>Checks shared by the customer forms: text lengths, e-mail shape, option values.</summary>
public sealed class FieldChecks(Validation v, IStringLocalizer l, CustomerLookups lookups)
{
    public string? Required(string field, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, l["{0}不能为空", l[label]]);
            return null;
        }
        return Length(field, label, value, max);
    }

    public string? Length(string field, string label, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) v.Add(field, l["{0}不能超过 {1} 个字符", l[label], max]);
        return value;
    }

    public void Email(string field, string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        Length(field, label, value, 200);
        if (!MailAddress.TryCreate(value.Trim(), out var parsed) || parsed.Address != value.Trim() || !value.Contains('.'))
            v.Add(field, l["{0}格式不正确", l[label]]);
    }

    /// <summary>An option id must belong to its list; a newly chosen one must also be active.</summary>
    public async Task OptionAsync(string field, string label, string list, long? id, long? current, CancellationToken ct)
    {
        if (id is null) return;
        var option = await lookups.FindOptionAsync(list, id.Value, ct);
        if (option is null || (!option.IsActive && id != current))
            v.Add(field, l["{0}的取值无效", l[label]]);
    }
}
