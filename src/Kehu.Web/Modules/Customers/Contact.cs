using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
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
    /// <summary>The name as search compares it (<see cref="NameNormalizer"/>); derived.</summary>
    [NotInHistory]
    public string NormalizedName { get; private set; } = "";
    /// <summary>The digits of the mobile and the phone, space-separated, as number search compares
    /// them; derived.</summary>
    [NotInHistory]
    public string PhoneDigits { get; private set; } = "";
    public List<ContactSearchGram> SearchGrams { get; private set; } = [];

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
        IndexForSearch();
    }

    /// <summary>Keeps the search index in step with the name and numbers: only the grams that
    /// change are written (the contact must be loaded with its <see cref="SearchGrams"/>).</summary>
    private void IndexForSearch()
    {
        var name = NameNormalizer.Normalize(Name);
        var digits = ContactSearch.Digits(Mobile, Phone);
        if (name == NormalizedName && digits == PhoneDigits) return;
        NormalizedName = name;
        PhoneDigits = digits;
        var wanted = ContactSearch.Grams(name, digits);
        SearchGrams.RemoveAll(g => !wanted.Contains(g.Gram));
        var kept = SearchGrams.Select(g => g.Gram).ToHashSet(StringComparer.Ordinal);
        SearchGrams.AddRange(wanted.Where(g => !kept.Contains(g)).Select(g => new ContactSearchGram(g)).ToList());
    }

    /// <summary>Another contact of the company became the 主要联系人.</summary>
    public void UnmarkPrimary() => IsPrimary = false;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record ContactDetails(
    long CompanyId, string Name, Gender Gender, string? Title, string? Department, string? Mobile,
    string? Phone, string? Email, string? WeChat, DateOnly? Birthday, bool IsPrimary, string? Notes);

/// <summary>One piece of a contact's name (each character and each pair of characters) or of its
/// numbers (each run of four digits): the index behind contact search (see <see cref="ContactSearch"/>).</summary>
public sealed class ContactSearchGram
{
    public long ContactId { get; private set; }
    public string Gram { get; private set; } = "";

    private ContactSearchGram() { }

    public ContactSearchGram(string gram) => Gram = gram;

    /// <summary>For the back-fill, which writes the index of contacts saved before it existed.</summary>
    public ContactSearchGram(long contactId, string gram) : this(gram) => ContactId = contactId;
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>, IEntityTypeConfiguration<ContactSearchGram>
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
        // Sorting by name walks this; the back-fill finds the contacts it has not indexed yet by ''.
        b.HasIndex(e => new { e.NormalizedName, e.Id });
        b.HasMany(e => e.SearchGrams).WithOne().HasForeignKey(g => g.ContactId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ContactSearchGram> b)
    {
        b.HasKey(e => new { e.Gram, e.ContactId });
        b.Property(e => e.Gram).HasMaxLength(ContactSearch.DigitGram);
        b.HasIndex(e => e.ContactId);
    }
}
