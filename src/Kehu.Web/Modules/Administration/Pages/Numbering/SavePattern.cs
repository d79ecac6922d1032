using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Numbering;

public sealed class PatternInput
{
    public string? Pattern { get; set; }
    /// <summary>The version the client read (0 when the type has no stored pattern yet).</summary>
    public int? Version { get; set; }
}

public sealed record PatternRow(string DocumentType, string Label, string Pattern, int Version, string NextNumber);

/// <summary>The numbering patterns (编号规则): list, preview and edit, for the pages and the API.</summary>
public sealed class SavePattern(KehuDbContext db, TimeProvider clock, CompanyTimeZone zone, IStringLocalizer<SharedResource> l)
{
    /// <summary>Resource keys naming each kind of number; a type without one shows its code.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["company"] = "客户编号",
        ["complaint"] = "客户投诉单",
        ["service-ticket"] = "客户服务单",
        ["product"] = "商品编码",
        ["opening-stock"] = "期初库存单号",
        ["stock-adjustment"] = "库存盘点单",
        ["purchase-order"] = "采购单",
        ["payment"] = "付款单",
        ["sales-order"] = "销售单",
        ["receipt"] = "收款单",
        ["contract"] = "合同",
        ["expense-claim"] = "费用报销单",
        ["expense-advance"] = "费用借支单",
    };

    public async Task<List<PatternRow>> ListAsync(CancellationToken ct)
    {
        var stored = await db.NumberingPatterns.AsNoTracking().ToDictionaryAsync(p => p.DocumentType, ct);
        var rows = new List<PatternRow>();
        foreach (var type in NumberingService.Defaults.Keys.Union(stored.Keys).Order(StringComparer.Ordinal))
        {
            var (pattern, version) = stored.TryGetValue(type, out var p) ? (p.Pattern, p.Version) : (NumberingService.Defaults[type], 0);
            rows.Add(new PatternRow(type, Labels.GetValueOrDefault(type, type), pattern, version, await NextNumberAsync(type, pattern, ct)));
        }
        return rows;
    }

    public async Task<PatternRow?> FindAsync(string documentType, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.DocumentType == documentType);

    /// <summary>The number the next record would get under <paramref name="pattern"/>, or the
    /// reason the pattern is refused.</summary>
    public async Task<Result<string>> PreviewAsync(string documentType, string? pattern, CancellationToken ct)
    {
        var v = new Validation();
        var checkedPattern = Validate(v, pattern);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return await NextNumberAsync(documentType, checkedPattern!, ct);
    }

    public async Task<Result<PatternRow>> UpdateAsync(string documentType, PatternInput input, CancellationToken ct)
    {
        if (await FindAsync(documentType, ct) is null) return Error.NotFound(l["编号类型不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);
        var v = new Validation();
        var pattern = Validate(v, input.Pattern);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        var stored = await db.NumberingPatterns.FirstOrDefaultAsync(p => p.DocumentType == documentType, ct);
        if (stored is null)
        {
            // Never stored: the default was in use, which the client read as version 0.
            if (input.Version != 0) return AdminSave.Stale(l);
            db.NumberingPatterns.Add(new NumberingPattern(documentType, pattern!));
        }
        else
        {
            db.Entry(stored).Property(p => p.Version).OriginalValue = input.Version.Value;
            if (stored.Pattern != pattern) stored.ChangePattern(pattern!);
        }
        var error = await AdminSave.TryAsync(db, l, ct);
        if (error is not null) return error;
        return (await FindAsync(documentType, ct))!;
    }

    private string? Validate(Validation v, string? pattern)
    {
        var trimmed = pattern?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            v.Add("pattern", l["{0}不能为空", l["编号规则"]]);
            return null;
        }
        if (!NumberFormat.IsValid(trimmed))
        {
            v.Add("pattern", l["编号规则无效：必须含且只含一个 {seq:N}（N 为 1 到 12），日期写作 {date:yyyyMMdd} 这类只含 y、M、d 的格式，总长不超过 60 个字符"]);
            return null;
        }
        return trimmed;
    }

    private async Task<string> NextNumberAsync(string documentType, string pattern, CancellationToken ct)
    {
        var today = zone.Today(clock);
        var period = NumberFormat.Period(pattern, today);
        var last = await db.NumberSequences.AsNoTracking()
            .Where(s => s.DocumentType == documentType && s.Period == period)
            .Select(s => (long?)s.LastValue).FirstOrDefaultAsync(ct) ?? 0;
        return NumberFormat.Format(pattern, today, last + 1);
    }
}
