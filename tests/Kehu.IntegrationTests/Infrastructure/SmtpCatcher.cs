using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kehu.IntegrationTests.Infrastructure;

/// <summary>A tiny SMTP server on a loopback port that speaks just enough of the protocol for
/// MailKit to hand it a message, and keeps what it received. <see cref="Refuse"/> makes it turn
/// recipients away, like a mail server that is having a bad day.</summary>
public sealed class SmtpCatcher : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public SmtpCatcher()
    {
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public volatile bool Refuse;

    public ConcurrentQueue<(string To, string Data)> Messages { get; } = new();

    public async Task<(string To, string Data)> WaitForAsync(Func<(string To, string Data), bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var found = Messages.FirstOrDefault(match);
            if (found != default) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("No such e-mail arrived.");
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        var to = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO" or "NOOP" or "RSET":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "MAIL":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    if (Refuse)
                    {
                        await writer.WriteLineAsync("550 mailbox unavailable");
                        break;
                    }
                    to = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".") data.AppendLine(dataLine);
                    Messages.Enqueue((to, data.ToString()));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 not implemented");
                    break;
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}

/// <summary>Kehu with SMTP pointed at a <see cref="SmtpCatcher"/>, polling its outbox often.</summary>
public sealed class SqliteMailApp : SqliteApp
{
    public SmtpCatcher Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => MailSettings.For(Smtp);

    protected override async Task CleanUpDatabaseAsync()
    {
        Smtp.Dispose();
        await base.CleanUpDatabaseAsync();
    }
}

public sealed class PostgresMailApp : PostgresApp
{
    public SmtpCatcher Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => MailSettings.For(Smtp);

    protected override async Task CleanUpDatabaseAsync()
    {
        Smtp.Dispose();
        await base.CleanUpDatabaseAsync();
    }
}

internal static class MailSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> For(SmtpCatcher smtp) =>
    [
        new("Kehu:Smtp:Host", "127.0.0.1"),
        new("Kehu:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Kehu:Smtp:Security", "None"),
        new("Kehu:Smtp:From", "kehu@example.test"),
        new("Kehu:Smtp:PublicUrl", "http://kehu.example.test"),
        new("Kehu:Smtp:PollSeconds", "0.2"),
    ];
}
