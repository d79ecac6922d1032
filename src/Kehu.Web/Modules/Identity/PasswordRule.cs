using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Identity;

/// <summary>What a new password must be: 8 to 128 characters, not only spaces. Used wherever a
/// password is set (first-start setup, new users, password resets).</summary>
public static class PasswordRule
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>The password, or null after adding the reason to <paramref name="v"/>.</summary>
    public static string? Check(Validation v, IStringLocalizer l, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, l["{0}不能为空", l["密码"]]);
            return null;
        }
        if (value.Length < MinLength)
        {
            v.Add(field, l["密码至少需要 {0} 个字符", MinLength]);
            return null;
        }
        if (value.Length > MaxLength)
        {
            v.Add(field, l["{0}不能超过 {1} 个字符", l["密码"], MaxLength]);
            return null;
        }
        return value;
    }
}
