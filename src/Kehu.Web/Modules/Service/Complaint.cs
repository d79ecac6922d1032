using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Service;

public enum ComplaintState
{
    /// <summary>草稿: registered, not yet submitted.</summary>
    Draft = 1,
    /// <summary>已退回: the technical manager sent it back to the submitter.</summary>
    Returned = 2,
    /// <summary>待处理: waiting for the technical manager.</summary>
    Review = 3,
    /// <summary>服务中: a service ticket is with a service person.</summary>
    InService = 4,
    /// <summary>已关闭: resolved.</summary>
    Closed = 5,
}

/// <summary>客户投诉单 (SPEC §3.2). Its workflow is <see cref="ComplaintWorkflow"/>; the state here
/// mirrors where the workflow is, so lists can filter on it.</summary>
public sealed class Complaint : AuditedEntity, IHasChangeHistory
{
    public string Number { get; private set; } = "";
    public long CompanyId { get; private set; }
    public string Subject { get; private set; } = "";
    public long? TypeId { get; private set; }
    public long? ChannelId { get; private set; }
    public long? UrgencyId { get; private set; }
    /// <summary>相关商品: what the complaint is about, for the product complaint analysis.</summary>
    public long? ProductId { get; private set; }
    public string? ContactName { get; private set; }
    public string? Details { get; private set; }
    /// <summary>接待人: who took the complaint.</summary>
    public long ReceivedById { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public ComplaintState State { get; private set; }
    /// <summary>结案说明: the technical manager's note when closing it.</summary>
    public string? Resolution { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    private Complaint() { }

    public Complaint(string number, long receivedById, ComplaintDetails details)
    {
        Number = number;
        ReceivedById = receivedById;
        State = ComplaintState.Draft;
        Apply(details);
    }

    public bool IsEditable => State is ComplaintState.Draft or ComplaintState.Returned;

    public void Edit(ComplaintDetails details)
    {
        Require(IsEditable, nameof(Edit));
        Apply(details);
    }

    public void Submit()
    {
        Require(IsEditable, nameof(Submit));
        State = ComplaintState.Review;
    }

    public void ReturnToSubmitter()
    {
        Require(State == ComplaintState.Review, nameof(ReturnToSubmitter));
        State = ComplaintState.Returned;
    }

    public void AssignService()
    {
        Require(State == ComplaintState.Review, nameof(AssignService));
        State = ComplaintState.InService;
    }

    public void BackToReview()
    {
        Require(State == ComplaintState.InService, nameof(BackToReview));
        State = ComplaintState.Review;
    }

    public void NoteResolution(string? resolution)
    {
        Require(State == ComplaintState.Review, nameof(NoteResolution));
        Resolution = resolution;
    }

    public void Close(DateTime now)
    {
        Require(State is ComplaintState.Review or ComplaintState.InService, nameof(Close));
        State = ComplaintState.Closed;
        ClosedAt = now;
    }

    private void Apply(ComplaintDetails d)
    {
        CompanyId = d.CompanyId;
        Subject = d.Subject.Trim();
        TypeId = d.TypeId;
        ChannelId = d.ChannelId;
        UrgencyId = d.UrgencyId;
        ProductId = d.ProductId;
        ContactName = Clean(d.ContactName);
        Details = Clean(d.Details);
        ReceivedAt = d.ReceivedAt;
    }

    // The workflow engine only calls a transition at the step it belongs to, so a wrong one is a bug.
    private void Require(bool allowed, string transition)
    {
        if (!allowed) throw new InvalidOperationException($"Complaint {Number}: {transition} is not possible when {State}.");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed record ComplaintDetails(long CompanyId, string Subject, long? TypeId, long? ChannelId, long? UrgencyId,
    long? ProductId, string? ContactName, string? Details, DateTime ReceivedAt);

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Subject).HasMaxLength(200);
        b.Property(e => e.ContactName).HasMaxLength(64);
        b.Property(e => e.Details).HasMaxLength(4000);
        b.Property(e => e.Resolution).HasMaxLength(2000);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ReceivedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ReceivedAt, e.Id });
        b.HasIndex(e => new { e.CompanyId, e.ReceivedAt });
        b.HasIndex(e => new { e.State, e.ReceivedAt });
        b.HasIndex(e => new { e.ReceivedById, e.ReceivedAt });
        // The product complaint analysis and the product page read a product's complaints over time.
        b.HasIndex(e => new { e.ProductId, e.ReceivedAt });
        // 处理时长 reads the complaints closed in a period.
        b.HasIndex(e => e.ClosedAt);
    }
}
