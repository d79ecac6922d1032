using System.Globalization;

namespace Kehu.Bench.Run;

/// <summary>The running app, seen from outside through /proc: its resident memory and CPU time, and a
/// sampler of its memory while something runs.</summary>
public sealed class AppProcess(int pid)
{
    public int Pid => pid;

    /// <summary>VmRSS of /proc/&lt;pid&gt;/status in MB; null when there is no such process.</summary>
    public long? RssMb()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }
        catch (IOException) { }
        return null;
    }

    /// <summary>User plus system CPU time, from fields 14 and 15 of /proc/&lt;pid&gt;/stat (in 1/100 s).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public void EnsureRunning()
    {
        if (RssMb() is null) throw new BenchFailedException($"No process {pid} (its /proc/{pid}/status has no VmRSS).");
    }

    /// <summary>Samples the memory every 100 ms until disposed; <see cref="Samples"/> holds what it saw.</summary>
    public MemorySampler SampleMemory() => new(this);

    public sealed class MemorySampler : IAsyncDisposable
    {
        private readonly List<long> samples = [];
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        internal MemorySampler(AppProcess app)
        {
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (app.RssMb() is { } mb) lock (samples) samples.Add(mb);
                    try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public IReadOnlyList<long> Samples
        {
            get { lock (samples) return [.. samples]; }
        }

        public long Peak(long fallback) => Samples.Count == 0 ? fallback : Samples.Max();

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
