namespace Kehu.Web.Platform.Export;

public static class ExportHeaders
{
    /// <summary>The headers, each once: a repeated one gets trailing spaces, because a sheet's columns
    /// are keyed by their header.</summary>
    public static List<string> Distinct(IEnumerable<string> headers)
    {
        var distinct = new List<string>();
        foreach (var header in headers)
        {
            var unique = header;
            while (distinct.Contains(unique)) unique += " ";
            distinct.Add(unique);
        }
        return distinct;
    }
}
