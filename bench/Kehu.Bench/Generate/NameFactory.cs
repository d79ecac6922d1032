using System.Text;
using Kehu.Web.Platform.Text;

namespace Kehu.Bench.Generate;

/// <summary>Draws unique company names (unique after <see cref="NameNormalizer"/>, as the
/// database's unique index on normalized_name demands) and person names.</summary>
public sealed class NameFactory(Random random, IEnumerable<string> existingNormalizedNames)
{
    private readonly HashSet<string> taken = new(existingNormalizedNames, StringComparer.Ordinal);
    private readonly Weighted regions = new(Words.Regions);
    private readonly Weighted industries = new(Words.Industries);
    private readonly Weighted suffixes = new(Words.Suffixes);
    private readonly StringBuilder sb = new(64);

    /// <summary>A new name, its normalised form, and the region it starts with (null if none).</summary>
    public (string Name, string Normalized, string? Region) NextCompany()
    {
        for (var attempt = 0; ; attempt++)
        {
            sb.Clear();
            string? region = null;
            var shape = random.Next(100);
            if (shape < 72)
            {
                // 上海恒通机电有限公司
                sb.Append(region = regions.Next(random)).Append(Brand()).Append(industries.Next(random)).Append(suffixes.Next(random));
            }
            else if (shape < 84)
            {
                // 恒通机电有限公司: no region.
                sb.Append(Brand()).Append(industries.Next(random)).Append(suffixes.Next(random));
            }
            else if (shape < 92)
            {
                // 上海机电设备有限公司, sometimes a branch: 上海机电设备有限公司浦东分公司
                sb.Append(region = regions.Next(random)).Append(industries.Next(random))
                    .Append(Words.Descriptors[random.Next(Words.Descriptors.Length)]).Append(suffixes.Next(random));
                if (random.Next(3) > 0) sb.Append(Words.Districts[random.Next(Words.Districts.Length)]).Append("分公司");
            }
            else
            {
                // 上海恒通机电有限公司浦东分公司
                sb.Append(region = regions.Next(random)).Append(Brand()).Append(industries.Next(random)).Append("有限公司")
                    .Append(Words.Districts[random.Next(Words.Districts.Length)]).Append("分公司");
            }
            // Rarely a name is typed with full-width letters (ＡＢＣ) or stray spaces; the
            // normaliser folds them, which is what search and uniqueness rely on.
            if (random.Next(200) == 0) sb.Insert(2, random.Next(2) == 0 ? "ＡＢ" : " 创新 ");
            if (attempt > 20) sb.Append(Words.Districts[random.Next(Words.Districts.Length)]).Append("办事处");
            var name = sb.ToString().Trim();
            var normalized = NameNormalizer.Normalize(name);
            if (normalized.Length <= 200 && taken.Add(normalized)) return (name, normalized, region);
        }
    }

    private string Brand()
    {
        var a = Words.BrandFirst[random.Next(Words.BrandFirst.Length)];
        var b = Words.BrandSecond[random.Next(Words.BrandSecond.Length)];
        return random.Next(5) == 0
            ? string.Concat(a, b, Words.BrandThird[random.Next(Words.BrandThird.Length)])
            : string.Concat(a, b);
    }

    public string Person() => random.Next(10) == 0
        ? string.Concat(Words.Surnames[random.Next(Words.Surnames.Length)], Words.GivenChars[random.Next(Words.GivenChars.Length)], Words.GivenChars[random.Next(Words.GivenChars.Length)])
        : string.Concat(Words.Surnames[random.Next(Words.Surnames.Length)], Words.GivenChars[random.Next(Words.GivenChars.Length)]);

    private sealed class Weighted
    {
        private readonly string[] values;
        private readonly int[] cumulative;

        public Weighted((string Value, int Weight)[] items)
        {
            values = items.Select(i => i.Value).ToArray();
            cumulative = new int[items.Length];
            var sum = 0;
            for (var i = 0; i < items.Length; i++) cumulative[i] = sum += items[i].Weight;
        }

        public string Next(Random random)
        {
            var x = random.Next(cumulative[^1]);
            var i = Array.BinarySearch(cumulative, x + 1);
            return values[i >= 0 ? i : ~i];
        }
    }
}
