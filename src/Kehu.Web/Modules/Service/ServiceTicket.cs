using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Service;

public enum ServiceTicketState
{
    /// <summary>待处理: with the service person.</summary>
    Open = 1,
    /// <summary>已完成: handled (at any completion; below 100 the complaint goes back to the manager).</summary>
    Done = 2,
    /// <summary>已撤回: returned to the manager without a result.</summary>
    Withdrawn = 3,
}

/// <summary>客户服务单: created when the technical manager assigns a complaint to a service person.</summary>
public sealed class ServiceTicket : AuditedEntity, IHasChangeHistory
{
    public string Number { get; private set; } = "";
    public long ComplaintId { get; private set; }
    public long CompanyId { get; private set; }
    /// <summary>Who the ticket is with (the task's assignee); changes on 转交.</summary>
    public long AssignedToId { get; private set; }
    public DateTime AssignedAt { get; private set; }
    /// <summary>服务人员: who did the work, as recorded when handling it.</summary>
    public long? ServiceStaffId { get; private set; }
    /// <summary>完成度, 0–100 (%).</summary>
    public int? Completion { get; private set; }
    /// <summary>处理过程.</summary>
    public string? WorkDone { get; private set; }
    /// <summary>服务时间: hours spent.</summary>
    public decimal? ServiceHours { get; private set; }
    /// <summary>客户反馈.</summary>
    public string? Feedback { get; private set; }
    public ServiceTicketState Status { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    private ServiceTicket() { }

    public ServiceTicket(string number, Complaint complaint, long assignedToId, DateTime now)
    {
        Number = number;
        ComplaintId = complaint.Id;
        CompanyId = complaint.CompanyId;
        AssignedToId = assignedToId;
        AssignedAt = now;
        Status = ServiceTicketState.Open;
    }

    public void HandTo(long userId)
    {
        Require(nameof(HandTo));
        AssignedToId = userId;
    }

    public void Record(ServiceResult result, DateTime now)
    {
        Require(nameof(Record));
        ServiceStaffId = result.ServiceStaffId;
        Completion = result.Completion;
        WorkDone = string.IsNullOrWhiteSpace(result.WorkDone) ? null : result.WorkDone.Trim();
        ServiceHours = result.ServiceHours;
        Feedback = string.IsNullOrWhiteSpace(result.Feedback) ? null : result.Feedback.Trim();
        Status = ServiceTicketState.Done;
        CompletedAt = now;
    }

    public void Withdraw(DateTime now)
    {
        Require(nameof(Withdraw));
        Status = ServiceTicketState.Withdrawn;
        CompletedAt = now;
    }

    private void Require(string transition)
    {
        if (Status != ServiceTicketState.Open) throw new InvalidOperationException($"Service ticket {Number}: {transition} is not possible when {Status}.");
    }
}

public sealed record ServiceResult(long ServiceStaffId, int Completion, string? WorkDone, decimal? ServiceHours, string? Feedback);

internal sealed class ServiceTicketConfiguration : IEntityTypeConfiguration<ServiceTicket>
{
    public void Configure(EntityTypeBuilder<ServiceTicket> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.WorkDone).HasMaxLength(4000);
        b.Property(e => e.Feedback).HasMaxLength(2000);
        b.HasOne<Complaint>().WithMany().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customers.Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ServiceStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ComplaintId, e.Id });
        b.HasIndex(e => new { e.AssignedAt, e.Id });
        b.HasIndex(e => new { e.AssignedToId, e.AssignedAt });
        b.HasIndex(e => new { e.CompanyId, e.AssignedAt });
    }
}
