using System.Data.Common;
using System.Net.Mail;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration;

/// <summary>Field checks shared by the administration forms. Messages name the field in the
/// user's language; labels are resource keys.</summary>
public sealed class AdminChecks(Validation v, IStringLocalizer l)
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
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            v.Add(field, l["{0}不能超过 {1} 个字符", l[label], max]);
            return null;
        }
        return trimmed;
    }

    public string? Email(string field, string label, string? value)
    {
        var email = Length(field, label, value, 200);
        if (email is null) return null;
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.'))
        {
            v.Add(field, l["{0}格式不正确", l[label]]);
            return null;
        }
        return email;
    }

    public string? Password(string field, string? value) => PasswordRule.Check(v, l, field, value);
}

/// <summary>Saving with the outcomes every administration handler shares: a stale version
/// becomes the conflict message, and a unique index that caught a race becomes
/// <paramref name="onRejected"/> (or the conflict message).</summary>
public static class AdminSave
{
    public static async Task<Error?> TryAsync(KehuDbContext db, IStringLocalizer l, CancellationToken ct, Func<Error>? onRejected = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(l);
        }
        catch (DbUpdateException e) when (IsSerializationFailure(e))
        {
            return Stale(l);
        }
        catch (DbUpdateException)
        {
            return onRejected?.Invoke() ?? Stale(l);
        }
    }

    public static Error Stale(IStringLocalizer l) => Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);

    /// <summary>PostgreSQL refused a serializable transaction because a concurrent one changed
    /// what it read (SQLSTATE 40001).</summary>
    public static bool IsSerializationFailure(Exception e) =>
        e is DbException { SqlState: "40001" } || e.InnerException is DbException { SqlState: "40001" };

    public static Error VersionRequired(IStringLocalizer l) =>
        new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
}
