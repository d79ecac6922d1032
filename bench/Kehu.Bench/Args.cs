using System.Globalization;
using Kehu.Web.Platform.Data;

namespace Kehu.Bench;

/// <summary>A small <c>--name value</c> / <c>--flag</c> parser: the bench has two commands and a
/// dozen options, which does not warrant a command-line library.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string?> values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public Args(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"Unexpected argument '{a}'.");
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[a[2..eq]] = a[(eq + 1)..];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[a[2..]] = list[++i];
            }
            else
            {
                values[a[2..]] = null;
            }
        }
    }

    public string? Get(string name)
    {
        used.Add(name);
        return values.TryGetValue(name, out var v) ? v : null;
    }

    public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required.");

    public bool Flag(string name)
    {
        used.Add(name);
        return values.ContainsKey(name);
    }

    public int Int(string name, int fallback)
    {
        var v = Get(name);
        if (v is null) return fallback;
        return int.TryParse(v.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new UsageException($"--{name} must be a whole number, not '{v}'.");
    }

    /// <summary>Durations as <c>30s</c>, <c>2m</c>, <c>1500ms</c> or plain seconds.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var v = Get(name);
        if (v is null) return fallback;
        var (number, unit) = v.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (v[..^2], 0.001)
            : v.EndsWith('s') ? (v[..^1], 1.0)
            : v.EndsWith('m') ? (v[..^1], 60.0)
            : (v, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? TimeSpan.FromSeconds(d * unit)
            : throw new UsageException($"--{name} must be a duration like 30s, not '{v}'.");
    }

    public DatabaseProvider Provider()
    {
        var v = Required("provider");
        return v.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            _ => throw new UsageException($"--provider must be sqlite or postgres, not '{v}'."),
        };
    }

    /// <summary>Fails on options nobody asked for, so a typo does not silently run the defaults.</summary>
    public void EnsureAllUsed()
    {
        var unknown = values.Keys.Where(k => !used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}.");
    }
}

public sealed class UsageException(string message) : Exception(message);
