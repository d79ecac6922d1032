using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kehu.Bench.Run;

/// <summary>
/// The load loops' HTTP/1.1 client: a GET on a kept-alive connection per client, reading the status
/// line and the framing headers and skipping the body, nothing more. The app under test receives the
/// same request as from <see cref="HttpClient"/> (method, path, Host, Authorization or Cookie) and
/// sends the same response. It exists because the benchmark shares the machine's two cores with the
/// app: <see cref="HttpClient"/> parsed every response header into objects and allocated a message,
/// its headers and a content stream per request, CPU the raw-SQL baselines do not pay (bench/README.md,
/// "The request floor"). Setup, logins and the row checks still use <see cref="HttpClient"/>.
/// </summary>
public sealed class LeanHttp(Uri baseUrl, string? authorization, string? cookie) : IDisposable
{
    private readonly ConcurrentBag<Connection> idle = [];
    private readonly string head = "Host: " + baseUrl.Authority + "\r\n"
        + (authorization is null ? "" : "Authorization: " + authorization + "\r\n")
        + (cookie is null ? "" : "Cookie: " + cookie + "\r\n");

    /// <summary>GETs <paramref name="pathAndQuery"/> (already URL-encoded) and reads the whole body;
    /// a non-2xx status is an error.</summary>
    public async Task GetAsync(string pathAndQuery, CancellationToken ct)
    {
        if (!idle.TryTake(out var c)) c = await Connection.OpenAsync(baseUrl, ct);
        int status;
        try
        {
            status = await c.GetAsync(Encoding.UTF8.GetBytes("GET " + pathAndQuery + " HTTP/1.1\r\n" + head + "\r\n"), ct);
        }
        catch
        {
            c.Dispose();
            throw;
        }
        if (c.KeepAlive) idle.Add(c);
        else c.Dispose();
        if (status is < 200 or > 299) throw new HttpRequestException($"{status} for {pathAndQuery}");
    }

    public void Dispose()
    {
        while (idle.TryTake(out var c)) c.Dispose();
    }

    private sealed class Connection(Socket socket) : IDisposable
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        public bool KeepAlive { get; private set; } = true;

        public static async Task<Connection> OpenAsync(Uri baseUrl, CancellationToken ct)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(baseUrl.Host), baseUrl.Port), ct);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            return new Connection(socket);
        }

        public async Task<int> GetAsync(byte[] request, CancellationToken ct)
        {
            for (var sent = 0; sent < request.Length;)
                sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, ct);

            // Status line and headers, up to the blank line.
            int headerEnd;
            while ((headerEnd = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0)
                await FillAsync(ct);
            var (status, length, chunked, keepAlive) = ParseHead(buffer.AsSpan(start, headerEnd + 2));
            start += headerEnd + 4;
            KeepAlive = keepAlive;

            if (chunked)
            {
                while (true)
                {
                    var size = ParseChunkSize(await ReadLineAsync(ct));
                    if (size == 0)
                    {
                        while (!(await ReadLineAsync(ct)).IsEmpty) { } // trailers, then the blank line
                        break;
                    }
                    await SkipAsync(size, ct);
                    if (!(await ReadLineAsync(ct)).IsEmpty) throw new HttpRequestException("A chunk did not end with CRLF.");
                }
            }
            else if (length is { } n)
            {
                await SkipAsync(n, ct);
            }
            else if (status is not (204 or 304) && !(status is >= 100 and < 200))
            {
                throw new HttpRequestException("A response without Content-Length or chunked encoding.");
            }
            return status;
        }

        private static (int Status, long? Length, bool Chunked, bool KeepAlive) ParseHead(ReadOnlySpan<byte> headers)
        {
            var status = ParseStatus(headers);
            long? length = null;
            var chunked = false;
            var keepAlive = true;
            foreach (var range in headers.Split("\r\n"u8))
            {
                var line = headers[range];
                var colon = line.IndexOf((byte)':');
                if (colon < 0) continue;
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && Utf8Parser.TryParse(value, out long n, out _)) length = n;
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)) chunked = value.IndexOf("chunked"u8) >= 0;
                else if (Ascii.EqualsIgnoreCase(name, "Connection"u8) && Ascii.EqualsIgnoreCase(value, "close"u8)) keepAlive = false;
            }
            return (status, length, chunked, keepAlive);
        }

        private static int ParseStatus(ReadOnlySpan<byte> headers)
        {
            // "HTTP/1.1 200 OK"
            if (headers.Length < 12 || !headers.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(headers.Slice(9, 3), out int status, out _))
                throw new HttpRequestException("Not an HTTP/1.x response.");
            return status;
        }

        private static long ParseChunkSize(ReadOnlyMemory<byte> line)
        {
            var span = line.Span;
            var semicolon = span.IndexOf((byte)';');
            if (semicolon >= 0) span = span[..semicolon];
            if (!Utf8Parser.TryParse(span.Trim((byte)' '), out long size, out var used, 'x') || used == 0)
                throw new HttpRequestException("A bad chunk size.");
            return size;
        }

        /// <summary>The next line without its CRLF; valid until the next read.</summary>
        private async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken ct)
        {
            int eol;
            while ((eol = buffer.AsSpan(start, end - start).IndexOf("\r\n"u8)) < 0) await FillAsync(ct);
            var line = buffer.AsMemory(start, eol);
            start += eol + 2;
            return line;
        }

        private async ValueTask SkipAsync(long count, CancellationToken ct)
        {
            while (count > 0)
            {
                if (start == end) await FillAsync(ct);
                var take = (int)Math.Min(count, end - start);
                start += take;
                count -= take;
            }
        }

        private async ValueTask FillAsync(CancellationToken ct)
        {
            if (start == end) start = end = 0;
            else if (end == buffer.Length)
            {
                if (start == 0) throw new HttpRequestException("Response headers larger than the buffer.");
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            var read = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, ct);
            if (read == 0) throw new HttpRequestException("The server closed the connection.");
            end += read;
        }

        public void Dispose() => socket.Dispose();
    }
}
