namespace Kehu.Web.Modules.Products;

/// <summary>条形码 check: EAN-8, UPC-A (12 digits) and EAN-13 carry a GS1 check digit, which is
/// verified; other codes (internal codes, Code 128 labels) are accepted as typed.</summary>
public static class Barcode
{
    public enum Check
    {
        Valid,
        /// <summary>Not an EAN/UPC: no check digit to verify.</summary>
        NotGs1,
        BadCheckDigit,
    }

    public static Check Verify(string barcode)
    {
        if (barcode.Length is not (8 or 12 or 13) || !barcode.All(char.IsAsciiDigit)) return Check.NotGs1;
        return barcode[^1] - '0' == CheckDigit(barcode[..^1]) ? Check.Valid : Check.BadCheckDigit;
    }

    /// <summary>The GS1 check digit of the digits before it: weights 3 and 1 alternate from the
    /// right, so one rule serves EAN-8, UPC-A and EAN-13.</summary>
    public static int CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>What is stored: trimmed, inner spaces and hyphens dropped, upper case.</summary>
    public static string Normalize(string barcode) =>
        new string(barcode.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
}
