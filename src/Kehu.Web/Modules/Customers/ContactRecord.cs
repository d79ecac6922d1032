using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Customers;

/// <summary>联系记录: one contact with a customer, and when to follow up.</summary>
public sealed class ContactRecord : AuditedEntity, IHasChangeHistory
{
    /// <summary>The (recorder, company, 联系时间) index's name, for the query that names it on SQLite.</summary>
    public const string ByRecorderIndex = "ix_contact_records_recorder_id_company_id_contacted_at";

    public DateTime ContactedAt { get; private set; }
    public long CompanyId { get; private set; }
    /// <summary>The listed contact, when the person is one; otherwise only <see cref="ContactName"/>.</summary>
    public long? ContactId { get; private set; }
    public string ContactName { get; private set; } = "";
    public long? MethodId { get; private set; }
    public string? Content { get; private set; }
    public string? Result { get; private set; }
    public DateTime? NextContactAt { get; private set; }
    public long RecorderId { get; private set; }

    private ContactRecord() { }

    public ContactRecord(ContactRecordDetails details) => Apply(details);

    public void Apply(ContactRecordDetails d)
    {
        ContactedAt = d.ContactedAt;
        CompanyId = d.CompanyId;
        ContactId = d.ContactId;
        ContactName = d.ContactName.Trim();
        MethodId = d.MethodId;
        Content = string.IsNullOrWhiteSpace(d.Content) ? null : d.Content.Trim();
        Result = string.IsNullOrWhiteSpace(d.Result) ? null : d.Result.Trim();
        NextContactAt = d.NextContactAt;
        RecorderId = d.RecorderId;
    }
}

/// <summary>Times are UTC.</summary>
public sealed record ContactRecordDetails(
    DateTime ContactedAt, long CompanyId, long? ContactId, string ContactName, long? MethodId,
    string? Content, string? Result, DateTime? NextContactAt, long RecorderId);

internal sealed class ContactRecordConfiguration : IEntityTypeConfiguration<ContactRecord>
{
    public void Configure(EntityTypeBuilder<ContactRecord> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.ContactName).HasMaxLength(64);
        b.Property(e => e.Content).HasMaxLength(4000);
        b.Property(e => e.Result).HasMaxLength(2000);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.RecorderId).OnDelete(DeleteBehavior.Restrict);
        // 下次联系时间 rides along so that 客户活跃度's overdue follow-ups (the company's latest record's
        // 下次联系时间) are read from this index alone, a probe per company (Analytics README).
        b.HasIndex(e => new { e.CompanyId, e.ContactedAt, e.NextContactAt });
        b.HasIndex(e => new { e.RecorderId, e.NextContactAt });
        // 客户活跃度 counts records per (recorder, company) over a long period by walking this index in
        // its order: no table reads and no sort (Analytics README).
        b.HasIndex(e => new { e.RecorderId, e.CompanyId, e.ContactedAt }).HasDatabaseName(ContactRecord.ByRecorderIndex);
        // Keyset paging walks these: the list sorted by 联系时间 or by 下次联系时间.
        b.HasIndex(e => new { e.ContactedAt, e.Id });
        b.HasIndex(e => new { e.NextContactAt, e.Id });
    }
}
