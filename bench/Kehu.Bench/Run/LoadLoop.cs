using System.Diagnostics;

namespace Kehu.Bench.Run;

/// <summary>One thing to measure: an operation that throws on failure. <see cref="Baseline"/>
/// names the raw-SQL scenario an API scenario is compared with.</summary>
public sealed record Scenario(
    string Name,
    Func<Random, CancellationToken, Task> Operation,
    string? Baseline = null,
    double? P95TargetMs = null,
    double? MinRatio = null);

public sealed record ScenarioResult(
    string Name, long Requests, long Errors, string? FirstError, double Seconds,
    double P50, double P95, double P99, double Max, double Mean, double RequestsPerSecond,
    string? Baseline, double? RatioToBaseline, double? P95TargetMs, double? MinRatio, string Verdict,
    double? LoadAverage);

/// <summary>
/// A closed loop: N clients, each sending its next request as soon as the previous one answered,
/// for warm-up + duration. Only requests started after the warm-up count. Percentiles are exact
/// (nearest rank over every recorded sample), not estimated from buckets.
/// </summary>
public static class LoadLoop
{
    /// <param name="minSamplesPerClient">For requests that take longer than the warm-up or the duration
    /// (a report over years of data under 16 clients): each client goes on until it has measured this
    /// many, so a slow scenario gives figures instead of none.</param>
    public static async Task<ScenarioResult> MeasureAsync(Scenario s, int clients, TimeSpan warmup, TimeSpan duration, int minSamplesPerClient = 0)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // A hard stop in case the server stops answering: loops always end by themselves.
        using var cts = new CancellationTokenSource(warmup + duration + TimeSpan.FromSeconds(minSamplesPerClient > 0 ? 900 : 60));
        var states = new ClientState[clients];
        var tasks = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            var state = states[c] = new ClientState(new Random(1000 + c));
            tasks[c] = Task.Run(() => ClientAsync(s, state, measureFrom, stopAt, minSamplesPerClient, cts.Token));
        }
        await Task.WhenAll(tasks);

        var all = new long[states.Sum(x => x.Samples.Count)];
        var k = 0;
        foreach (var st in states)
        {
            st.Samples.CopyTo(all, k);
            k += st.Samples.Count;
        }
        Array.Sort(all);
        var end = states.Max(x => x.LastEnd);
        var seconds = end > measureFrom ? (end - measureFrom) / (double)Stopwatch.Frequency : duration.TotalSeconds;
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Pct(double q) => all.Length == 0 ? double.NaN : Ms(all[Math.Clamp((int)Math.Ceiling(q * all.Length) - 1, 0, all.Length - 1)]);
        var errors = states.Sum(x => x.Errors);
        return new ScenarioResult(
            s.Name, all.Length, errors, states.Select(x => x.FirstError).FirstOrDefault(e => e is not null), seconds,
            Pct(0.50), Pct(0.95), Pct(0.99), all.Length == 0 ? double.NaN : Ms(all[^1]),
            all.Length == 0 ? double.NaN : all.Average(t => Ms(t)), all.Length / seconds,
            s.Baseline, null, s.P95TargetMs, s.MinRatio, "", LoadAverage());
    }

    /// <summary>The machine's 1-minute load average (Linux), to show how busy the shared cores were.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static async Task ClientAsync(Scenario s, ClientState st, long measureFrom, long stopAt, int minSamples, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var t0 = Stopwatch.GetTimestamp();
            if (t0 >= stopAt && st.Samples.Count + st.Errors >= minSamples) break;
            var ok = true;
            try
            {
                await s.Operation(st.Random, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                ok = false;
                st.FirstError ??= $"{e.GetType().Name}: {e.Message}";
            }
            var t1 = Stopwatch.GetTimestamp();
            if (t0 < measureFrom) continue;
            if (ok) st.Samples.Add(t1 - t0);
            else st.Errors++;
            st.LastEnd = t1;
        }
    }

    private sealed class ClientState(Random random)
    {
        public Random Random { get; } = random;
        public List<long> Samples { get; } = new(8192);
        public long Errors { get; set; }
        public string? FirstError { get; set; }
        public long LastEnd { get; set; }
    }
}
