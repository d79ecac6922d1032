using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Kehu.Web.Modules.Workflow.Outbox;

/// <summary><c>Kehu:Smtp</c>. Nothing is sent (or queued) unless <see cref="Host"/> is set.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    /// <summary>MailKit's SecureSocketOptions: Auto (TLS on 465, STARTTLS when offered), None, StartTls, SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";
    /// <summary>Where links in e-mails point, e.g. https://kehu.example.com.</summary>
    public string? PublicUrl { get; set; }
    public double PollSeconds { get; set; } = 10;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>An e-mail waiting to be sent, written in the transaction of the action that caused it,
/// so a rolled-back action sends nothing and a committed one is never forgotten.</summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAt { get; private set; }
    /// <summary>Set when <see cref="MaxAttempts"/> failed: the message is kept, not retried.</summary>
    public DateTime? GaveUpAt { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage() { }

    public OutboxMessage(string to, string subject, string body, DateTime now)
    {
        To = to;
        Subject = subject;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(e => e.To).HasMaxLength(200);
        b.Property(e => e.Subject).HasMaxLength(300);
        b.Property(e => e.Body).HasMaxLength(8000);
        b.Property(e => e.LastError).HasMaxLength(1000);
        b.HasIndex(e => new { e.SentAt, e.GaveUpAt, e.NextAttemptAt });
    }
}

/// <summary>Queues the e-mail to the people a new task went to (SPEC: notifications).</summary>
public sealed class MailOutbox(KehuDbContext db, IOptions<SmtpSettings> settings, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task NewTasksAsync(WorkflowInstance instance, IReadOnlyList<WorkflowTask> tasks, CancellationToken ct)
    {
        var smtp = settings.Value;
        if (!smtp.Configured || tasks.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var task in tasks)
        {
            var recipients = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.Email != null
                            && (u.Id == task.AssigneeId || (task.CandidateRole != null && u.Roles.Any(r => r.Role!.Code == task.CandidateRole))))
                .Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
            foreach (var r in recipients)
            {
                var link = $"{smtp.PublicUrl?.TrimEnd('/')}/tasks/{task.Id}";
                db.Add(new OutboxMessage(r.Email!, l["[Kehu] 待办：{0}", instance.Title],
                    l["{0}，你有一项新的待办：{1}。请打开 {2} 办理。", r.DisplayName, instance.Title, link], now));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
