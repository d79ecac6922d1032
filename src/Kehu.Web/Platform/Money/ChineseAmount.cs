using System.Text;

namespace Kehu.Web.Platform.Money;

/// <summary>
/// 大写金额: an amount in Chinese capital numerals as printed documents and cheques write it (the
/// People's Bank's 支付结算办法): 壹贰叁…, 拾佰仟 within groups of four digits and 万/亿 between
/// them, one 零 for each run of zeros inside the number, 元/角/分, and 整 when there are no 分.
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿"];

    /// <summary>The largest amount written: below a ten-thousand 万亿 (10^16) yuan.</summary>
    public const decimal Max = 9_999_999_999_999_999.99m;

    public static string Of(decimal amount)
    {
        amount = decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
        if (amount < 0) return "负" + Of(-amount);
        if (amount > Max) throw new ArgumentOutOfRangeException(nameof(amount), amount, "Too large to write in words.");
        var yuan = (long)decimal.Truncate(amount);
        var cents = (int)((amount - yuan) * 100);
        var (jiao, fen) = (cents / 10, cents % 10);

        var text = new StringBuilder();
        if (yuan > 0) text.Append(Integer(yuan)).Append('元');
        if (jiao == 0 && fen == 0) return (yuan == 0 ? "零元" : text.ToString()) + "整";
        if (jiao > 0) text.Append(Digits[jiao]).Append('角');
        else if (yuan > 0) text.Append('零');
        if (fen > 0) text.Append(Digits[fen]).Append('分');
        else text.Append('整');
        return text.ToString();
    }

    private static string Integer(long value)
    {
        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10_000) groups.Add((int)(v % 10_000));
        var text = new StringBuilder();
        var zeroBetween = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                zeroBetween = text.Length > 0;
                continue;
            }
            // A group after a higher one needs a 零 when zeros stand between them: 壹亿零壹万, 壹万零伍.
            if (text.Length > 0 && (zeroBetween || group < 1000)) text.Append('零');
            text.Append(Group(group)).Append(GroupUnits[g]);
            zeroBetween = false;
        }
        return text.ToString();
    }

    /// <summary>1–9999 with one 零 per run of inner zeros and none at the end: 壹仟零伍, 壹仟零壹拾.</summary>
    private static string Group(int value)
    {
        var text = new StringBuilder();
        var zero = false;
        for (var place = 3; place >= 0; place--)
        {
            var digit = value / (int)Math.Pow(10, place) % 10;
            if (digit == 0)
            {
                zero = text.Length > 0;
                continue;
            }
            if (zero) text.Append('零');
            text.Append(Digits[digit]).Append(PlaceUnits[place]);
            zero = false;
        }
        return text.ToString();
    }
}
