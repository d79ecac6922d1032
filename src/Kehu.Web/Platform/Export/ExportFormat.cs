using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Platform.Export;

public enum ExportFormat
{
    Xlsx,
    Csv,
}

public static class ExportFormats
{
    /// <summary><c>xlsx</c> or <c>csv</c> (any case); anything else, or nothing, is a field error on <c>format</c>.</summary>
    public static Result<ExportFormat> Parse(string? text, IStringLocalizer l)
    {
        var value = text?.Trim();
        if (string.Equals(value, "xlsx", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Xlsx;
        if (string.Equals(value, "csv", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Csv;
        string message = l["导出格式只能是 xlsx 或 csv"];
        return new Validation().Add("format", message).ToError(message);
    }

    public static string Extension(this ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";

    public static string ContentType(this ExportFormat format) => format == ExportFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";
}
