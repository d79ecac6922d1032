using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kehu.UnitTests.Platform.Localization;

/// <summary>Every UI string is looked up by its Chinese text; English must have each of them.</summary>
public sealed partial class EnglishResourcesTests
{
    [GeneratedRegex(""""\b[lL]\["((?:[^"\\]|\\.)+)"""")]
    private static partial Regex KeyUse();

    [Fact]
    public void EveryKeyUsedInTheSource_HasAnEnglishTranslation()
    {
        var src = FindUp("src/Kehu.Web");
        var english = XDocument.Load(Path.Combine(src, "Resources/SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var used = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        used.Count.ShouldBeGreaterThan(20);
        used.Where(k => !english.Contains(k)).Order().ShouldBeEmpty("run scripts/resx.py missing");
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(relative);
    }
}
