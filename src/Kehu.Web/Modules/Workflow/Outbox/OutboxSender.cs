using Kehu.Web.Platform.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kehu.Web.Modules.Workflow.Outbox;

/// <summary>
/// Sends queued e-mails in the background. A message is claimed with a guarded update (so two
/// servers never send it twice), sent with MailKit, and on failure retried later with a growing
/// delay, up to <see cref="OutboxMessage.MaxAttempts"/> times. Failures are logged; they never touch
/// the action that queued the message.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IOptions<SmtpSettings> settings, TimeProvider clock, ILogger<OutboxSender> log) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = settings.Value;
        if (!smtp.Configured) return;
        log.LogInformation("E-mail notifications go through {Host}:{Port}", smtp.Host, smtp.Port);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, smtp.PollSeconds)), clock);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The e-mail outbox could not be read");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(20).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            var claimed = await db.Set<OutboxMessage>()
                .Where(m => m.Id == message.Id && m.SentAt == null && m.NextAttemptAt == message.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + Lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 0) continue;
            var attempt = message.Attempts + 1;
            try
            {
                await SendAsync(message, ct);
                await db.Set<OutboxMessage>().Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.LastError, (string?)null), ct);
                log.LogInformation("E-mail {MessageId} sent to {To}", message.Id, message.To);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                var failedAt = clock.GetUtcNow().UtcDateTime;
                if (attempt >= OutboxMessage.MaxAttempts)
                {
                    log.LogError(e, "E-mail {MessageId} to {To} failed {Attempts} times; giving up", message.Id, message.To, attempt);
                    await db.Set<OutboxMessage>().Where(m => m.Id == message.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.GaveUpAt, failedAt).SetProperty(m => m.LastError, error), CancellationToken.None);
                }
                else
                {
                    var retryAt = failedAt + Backoff(attempt);
                    log.LogWarning(e, "E-mail {MessageId} to {To} failed (attempt {Attempt}); retrying at {RetryAt}", message.Id, message.To, attempt, retryAt);
                    await db.Set<OutboxMessage>().Where(m => m.Id == message.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, retryAt).SetProperty(m => m.LastError, error), CancellationToken.None);
                }
            }
        }
        return sent;
    }

    /// <summary>30 s, 1 min, 2 min, … up to 4 h.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempt - 1), TimeSpan.FromHours(4).TotalSeconds));

    private async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = settings.Value;
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(string.IsNullOrWhiteSpace(smtp.From) ? "kehu@localhost" : smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = 30_000 };
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
