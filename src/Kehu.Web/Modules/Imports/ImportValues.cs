using System.Globalization;
using System.Text.RegularExpressions;

namespace Kehu.Web.Modules.Imports;

/// <summary>Cell values as the import reads them: text, dates (as text in the usual Chinese and ISO
/// forms, as Excel date cells, or as Excel serial numbers) and numbers (with thousands separators).</summary>
public static partial class ImportValues
{
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        DateTime d => d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    /// <summary>A date and time: a date cell, an Excel serial number (days since 1899-12-30), or text
    /// such as 2026-11-27, 2026/11/27, 2026年11月27日, optionally followed by a time.</summary>
    public static bool TryDateTime(object? cell, out DateTime value)
    {
        value = default;
        switch (cell)
        {
            case DateTime d:
                value = DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
                return true;
            case double serial:
                return TrySerial(serial, out value);
            case string s:
                var text = s.Trim();
                if (text.Length == 0) return false;
                if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    return TrySerial(number, out value);
                var m = DatePattern().Match(text);
                if (!m.Success) return false;
                var hour = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
                var minute = m.Groups["mi"].Success ? int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture) : 0;
                var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
                try
                {
                    value = new DateTime(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture),
                        int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), hour, minute, second, DateTimeKind.Unspecified);
                    return true;
                }
                catch (ArgumentOutOfRangeException)
                {
                    return false;
                }
            default:
                return false;
        }
    }

    public static bool TryDate(object? cell, out DateOnly value)
    {
        value = default;
        if (!TryDateTime(cell, out var at)) return false;
        value = DateOnly.FromDateTime(at);
        return true;
    }

    /// <summary>Excel's serial dates: whole days since 1899-12-30 (1 is 1900-01-01 in practice), the
    /// fraction the time of day; 1 to 2958465 (9999-12-31).</summary>
    private static bool TrySerial(double serial, out DateTime value)
    {
        value = default;
        if (double.IsNaN(serial) || serial < 1 || serial >= 2958466) return false;
        value = DateTime.FromOADate(serial);
        // Seconds from the binary fraction are noise; keep minutes.
        value = new DateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0, DateTimeKind.Unspecified).AddMinutes(value.Second >= 30 ? 1 : 0);
        return true;
    }

    /// <summary>A number: a numeric cell, or text with optional thousands separators (1,234.50 or
    /// 1，234.50), a leading ¥ or a trailing 元.</summary>
    public static bool TryDecimal(object? cell, out decimal value)
    {
        value = default;
        switch (cell)
        {
            case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e27:
                value = Math.Round((decimal)d, 10);
                return true;
            case decimal m:
                value = m;
                return true;
            case string s:
                var text = s.Trim().TrimStart('¥', '￥').TrimEnd('元').Replace('，', ',').Trim();
                if (text.Length == 0) return false;
                if (text.Contains(',') && !ThousandsPattern().IsMatch(text)) return false;
                return decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out value);
            default:
                return false;
        }
    }

    [GeneratedRegex(@"^(?<y>\d{4})\s*(?:[-/.]|年)\s*(?<mo>\d{1,2})\s*(?:[-/.]|月)\s*(?<d>\d{1,2})\s*日?(?:[ T]+(?<h>\d{1,2})[:：](?<mi>\d{2})(?:[:：](?<s>\d{2}))?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsPattern();
}
