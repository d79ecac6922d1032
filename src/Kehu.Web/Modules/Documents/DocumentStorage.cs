using System.Security.Cryptography;
using Kehu.Web.Platform.Data;

namespace Kehu.Web.Modules.Documents;

/// <summary><c>Kehu:Documents</c>: where files are kept (default <c>documents</c> in the data
/// folder, beside the SQLite file) and the largest file accepted (default 20 MB).</summary>
public sealed class DocumentSettings
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public string Path { get; set; } = "";
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}

/// <summary>The files of documents, outside the web root. A file is streamed to a temporary file in
/// the folder (hashing as it goes, stopping past the size limit), checked, then moved under a
/// server-made name; its row is saved after, and the file removed again if that save fails.</summary>
public sealed class DocumentStorage
{
    private const string TempFolder = "tmp";

    public DocumentStorage(Microsoft.Extensions.Options.IOptions<DocumentSettings> settings, IConfiguration config, IHostEnvironment env)
    {
        var configured = settings.Value.Path;
        Root = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(DatabaseSetup.DataPath(config, env.ContentRootPath), "documents")
            : configured);
        MaxBytes = settings.Value.MaxBytes;
    }

    public string Root { get; }
    public long MaxBytes { get; }

    /// <summary>A file being uploaded: written to a temporary file, not yet under its final name.</summary>
    public sealed class Upload : IAsyncDisposable
    {
        private readonly DocumentStorage storage;
        private bool kept;

        internal Upload(DocumentStorage storage, string tempPath, FileStream stream, long size, string sha256)
        {
            this.storage = storage;
            TempPath = tempPath;
            Content = stream;
            Size = size;
            Sha256 = sha256;
        }

        public string TempPath { get; }
        /// <summary>The written bytes, open for reading (the type check reads them).</summary>
        public FileStream Content { get; }
        /// <summary>The bytes written; <see cref="TooLarge"/> when the limit was passed (the copy stopped there).</summary>
        public long Size { get; }
        public bool TooLarge => Size > storage.MaxBytes;
        public string Sha256 { get; }

        /// <summary>Moves the file under a new server-made name and gives that name.</summary>
        public string Keep()
        {
            var name = Guid.NewGuid().ToString("N");
            var target = storage.PathOf(name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            Content.Dispose();
            File.Move(TempPath, target);
            kept = true;
            return name;
        }

        public async ValueTask DisposeAsync()
        {
            await Content.DisposeAsync();
            if (!kept) File.Delete(TempPath);
        }
    }

    /// <summary>Copies <paramref name="source"/> to a temporary file, computing its SHA-256, and stops
    /// one byte past the limit (so a huge upload is not written out in full).</summary>
    public async Task<Upload> ReceiveAsync(Stream source, CancellationToken ct)
    {
        var folder = System.IO.Path.Combine(Root, TempFolder);
        Directory.CreateDirectory(folder);
        var tempPath = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N") + ".part");
        var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int n;
            while (size <= MaxBytes && (n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, MaxBytes + 1 - size)), ct)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
                size += n;
            }
            await file.FlushAsync(ct);
            file.Position = 0;
            return new Upload(this, tempPath, file, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await file.DisposeAsync();
            File.Delete(tempPath);
            throw;
        }
    }

    /// <summary>Writes bytes the server made (the demo data) the same way an upload is written.</summary>
    public async Task<StoredFile> SaveAsync(byte[] bytes, string fileName, FileType type, CancellationToken ct)
    {
        await using var upload = await ReceiveAsync(new MemoryStream(bytes), ct);
        return new StoredFile(upload.Keep(), fileName, upload.Size, type.ContentType, upload.Sha256);
    }

    public FileStream OpenRead(string storedName) =>
        new(PathOf(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

    public bool Exists(string storedName) => File.Exists(PathOf(storedName));

    /// <summary>Removes a stored file; a file already gone is no error.</summary>
    public void Delete(string storedName) => File.Delete(PathOf(storedName));

    /// <summary>Stored names are 32 hex digits the server made; anything else is refused rather than
    /// turned into a path.</summary>
    private string PathOf(string storedName)
    {
        if (storedName.Length != 32 || !storedName.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a stored document name.", nameof(storedName));
        return System.IO.Path.Combine(Root, storedName[..2], storedName);
    }
}
