using Kehu.Web.Platform.Data;

namespace Kehu.Web.Modules.Imports;

/// <summary><c>Kehu:Imports</c>: where uploaded files are kept (default <c>imports</c> in the data
/// folder), the largest file accepted (default 100 MB), the rows per batch (default 1,000), how often
/// the worker looks for work, and a test hook.</summary>
public sealed class ImportSettings
{
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    public string Path { get; set; } = "";
    public long MaxBytes { get; set; } = DefaultMaxBytes;
    public int BatchSize { get; set; } = 1000;
    public double PollSeconds { get; set; } = 1;
    /// <summary>Testing only: the worker stops after this many batches, as if the process died.</summary>
    public int? StopAfterBatch { get; set; }
}

/// <summary>Uploaded import files, outside the web root under server-made names (as
/// <see cref="Documents.DocumentStorage"/> keeps documents), read again by the preview and the run.</summary>
public sealed class ImportStorage
{
    public ImportStorage(Microsoft.Extensions.Options.IOptions<ImportSettings> settings, IConfiguration config, IHostEnvironment env)
    {
        var configured = settings.Value.Path;
        Root = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(DatabaseSetup.DataPath(config, env.ContentRootPath), "imports")
            : configured);
        MaxBytes = settings.Value.MaxBytes;
    }

    public string Root { get; }
    public long MaxBytes { get; }

    /// <summary>Copies the upload to a new server-made name, stopping one byte past the limit.
    /// Returns the name, or null (and nothing kept) when the file is too large.</summary>
    public async Task<string?> ReceiveAsync(Stream source, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var name = Guid.NewGuid().ToString("N");
        var path = PathOf(name);
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            var buffer = new byte[81920];
            int n;
            while (size <= MaxBytes && (n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, MaxBytes + 1 - size)), ct)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
                size += n;
            }
        }
        if (size <= MaxBytes) return name;
        Delete(name);
        return null;
    }

    public void Delete(string storedName) => File.Delete(PathOf(storedName));

    /// <summary>Stored names are 32 hex digits the server made; anything else is refused rather than
    /// turned into a path.</summary>
    public string PathOf(string storedName)
    {
        if (storedName.Length != 32 || !storedName.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a stored import name.", nameof(storedName));
        return System.IO.Path.Combine(Root, storedName);
    }
}
