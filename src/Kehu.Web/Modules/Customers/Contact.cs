using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Customers;

public enum Gender
{
    Unspecified = 0,
    Male = 1,
    Female = 2,
}

/// <summary>联系人资料: a person at a company.</summary>
public sealed class Contact : AuditedEntity, IHasChangeHistory
{
    public long CompanyId { get; private set; }
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    public string? Title { get; private set; }
    public string? Department { get; private set; }
    public string? Mobile { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? WeChat { get; private set; }
    public DateOnly? Birthday { get; private set; }
    public bool IsPrimary { get; private set; }
    public string? Notes { get; private set; }

    private Contact() { }

    public Contact(ContactDetails details) => Apply(details);

    public void Apply(ContactDetails d)
    {
        CompanyId = d.CompanyId;
        Name = d.Name.Trim();
        Gender = d.Gender;
        Title = Clean(d.Title);
        Department = Clean(d.Department);
        Mobile = Clean(d.Mobile);
        Phone = Clean(d.Phone);
        Email = Clean(d.Email);
        WeChat = Clean(d.WeChat);
        Birthday = d.Birthday;
        IsPrimary = d.IsPrimary;
        Notes = Clean(d.Notes);
    }

    /// <summary>Another contact of the company became the 主要联系人.</summary>
    public void UnmarkPrimary() => IsPrimary = false;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record ContactDetails(
    long CompanyId, string Name, Gender Gender, string? Title, string? Department, string? Mobile,
    string? Phone, string? Email, string? WeChat, DateOnly? Birthday, bool IsPrimary, string? Notes);

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Name).HasMaxLength(64);
        b.Property(e => e.Title).HasMaxLength(64);
        b.Property(e => e.Department).HasMaxLength(64);
        b.Property(e => e.Mobile).HasMaxLength(50);
        b.Property(e => e.Phone).HasMaxLength(50);
        b.Property(e => e.Email).HasMaxLength(200);
        b.Property(e => e.WeChat).HasMaxLength(64);
        b.Property(e => e.Notes).HasMaxLength(2000);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CompanyId, e.Id });
        b.HasIndex(e => e.Name);
    }
}
