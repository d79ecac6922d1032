using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Customers;

/// <summary>客户信息表: a customer, a supplier, or both.</summary>
public sealed class Company : AuditedEntity, IHasChangeHistory
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public bool IsCustomer { get; private set; }
    public bool IsSupplier { get; private set; }
    public long? LevelId { get; private set; }
    public long? SourceId { get; private set; }
    public long? IndustryId { get; private set; }
    public long? RegionId { get; private set; }
    public long? StatusId { get; private set; }
    public string? Address { get; private set; }
    public string? Phone { get; private set; }
    public string? Fax { get; private set; }
    public string? Website { get; private set; }
    public string? Email { get; private set; }
    public long OwnerId { get; private set; }
    /// <summary>Earliest 联系时间 of the company's contact records; derived, never typed.</summary>
    public DateTime? FirstContactAt { get; private set; }
    /// <summary>Latest 联系时间 of the company's contact records; derived, never typed.</summary>
    public DateTime? LastContactAt { get; private set; }
    public string? Notes { get; private set; }
    public List<CompanyNameGram> NameGrams { get; private set; } = [];
    /// <summary>The colleagues it is shared with (共享给). Load it before <see cref="Apply"/> on an
    /// existing company, so a share with the new owner is dropped.</summary>
    public List<CompanyShare> Shares { get; private set; } = [];

    /// <summary>类型 as the API and forms spell it: <c>customer</c> and/or <c>supplier</c>.</summary>
    public string[] RoleNames => [.. IsCustomer ? ["customer"] : Array.Empty<string>(), .. IsSupplier ? ["supplier"] : Array.Empty<string>()];

    private Company() { }

    public Company(string code, CompanyDetails details)
    {
        Code = code;
        Apply(details);
    }

    /// <summary>Sets every editable field. The search index follows the name.</summary>
    public void Apply(CompanyDetails d)
    {
        var normalized = NameNormalizer.Normalize(d.Name);
        Name = d.Name.Trim();
        if (normalized != NormalizedName)
        {
            NormalizedName = normalized;
            NameGrams.Clear();
            NameGrams.AddRange(NameNormalizer.Bigrams(normalized).Select(g => new CompanyNameGram(g)));
        }
        IsCustomer = d.IsCustomer;
        IsSupplier = d.IsSupplier;
        LevelId = d.LevelId;
        SourceId = d.SourceId;
        IndustryId = d.IndustryId;
        RegionId = d.RegionId;
        StatusId = d.StatusId;
        Address = Clean(d.Address);
        Phone = Clean(d.Phone);
        Fax = Clean(d.Fax);
        Website = Clean(d.Website);
        Email = Clean(d.Email);
        OwnerId = d.OwnerId;
        Notes = Clean(d.Notes);
        // The new owner sees it as theirs; a share with them would only say so twice.
        Shares.RemoveAll(s => s.UserId == OwnerId);
    }

    public ShareOutcome ShareWith(long userId, long? sharedById, DateTime at)
    {
        if (userId == OwnerId) return ShareOutcome.IsOwner;
        if (Shares.Any(s => s.UserId == userId)) return ShareOutcome.AlreadyShared;
        Shares.Add(new CompanyShare(userId, sharedById, at));
        return ShareOutcome.Shared;
    }

    /// <summary>False when it was not shared with that user.</summary>
    public bool Unshare(long userId) => Shares.RemoveAll(s => s.UserId == userId) > 0;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The editable fields of a company, as a form or the API sends them (already validated).</summary>
public sealed record CompanyDetails(
    string Name, bool IsCustomer, bool IsSupplier, long? LevelId, long? SourceId, long? IndustryId,
    long? RegionId, long? StatusId, string? Address, string? Phone, string? Fax, string? Website,
    string? Email, long OwnerId, string? Notes);

/// <summary>One two-character piece of a company's normalised name: the index behind substring
/// search, which also serves two-character Chinese terms (ADR 0003).</summary>
public sealed class CompanyNameGram
{
    public long CompanyId { get; private set; }
    public string Gram { get; private set; } = "";

    private CompanyNameGram() { }

    public CompanyNameGram(string gram) => Gram = gram;
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>, IEntityTypeConfiguration<CompanyNameGram>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Code).HasMaxLength(32);
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NormalizedName).HasMaxLength(200);
        b.HasIndex(e => e.NormalizedName).IsUnique();
        foreach (var p in new[] { nameof(Company.Address), nameof(Company.Website), nameof(Company.Email) })
            b.Property(p).HasMaxLength(200);
        b.Property(e => e.Phone).HasMaxLength(50);
        b.Property(e => e.Fax).HasMaxLength(50);
        b.Property(e => e.Notes).HasMaxLength(2000);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // Keyset paging walks these: each filter with the id order, and the owner scope.
        b.HasIndex(e => new { e.OwnerId, e.Id });
        b.HasIndex(e => new { e.LevelId, e.Id });
        b.HasIndex(e => new { e.SourceId, e.Id });
        b.HasIndex(e => new { e.IndustryId, e.Id });
        b.HasIndex(e => new { e.RegionId, e.Id });
        b.HasIndex(e => new { e.StatusId, e.Id });
        b.HasIndex(e => new { e.UpdatedAt, e.Id });
        b.HasMany(e => e.NameGrams).WithOne().HasForeignKey(g => g.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Shares).WithOne().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CompanyNameGram> b)
    {
        b.HasKey(e => new { e.Gram, e.CompanyId });
        b.Property(e => e.Gram).HasMaxLength(2);
        b.HasIndex(e => e.CompanyId);
    }
}
