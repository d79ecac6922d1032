using System.Globalization;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Customers;

/// <summary>共享: a company shared with a colleague, who may then see and edit it, and add contacts
/// and contact records to it, but not share it further, change its owner or delete it
/// (<see cref="CompanyAccess.Shared"/>). Adding and removing a share is written to the company's
/// change history as a change of 共享给.</summary>
public sealed class CompanyShare : IPartOfHistory
{
    public long CompanyId { get; private set; }
    public long UserId { get; private set; }
    public DateTime SharedAt { get; private set; }
    public long? SharedById { get; private set; }

    private CompanyShare() { }

    internal CompanyShare(long userId, long? sharedById, DateTime sharedAt)
    {
        UserId = userId;
        SharedById = sharedById;
        SharedAt = sharedAt;
    }

    public const string HistoryFieldName = "SharedWith";

    string IPartOfHistory.HistoryEntityType => nameof(Company);
    long IPartOfHistory.HistoryEntityId => CompanyId;
    string IPartOfHistory.HistoryField => HistoryFieldName;
    string IPartOfHistory.HistoryValue => UserId.ToString(CultureInfo.InvariantCulture);
}

public enum ShareOutcome
{
    Shared,
    AlreadyShared,
    /// <summary>The user owns the company: sharing it with them would mean nothing.</summary>
    IsOwner,
}

/// <summary>What one user may do with one company.</summary>
public enum CompanyAccess
{
    /// <summary>Not visible: answers 404.</summary>
    None,
    /// <summary>Shared with the user: see and edit it, add contacts and contact records; not share,
    /// unshare, change the owner or delete (403).</summary>
    Shared,
    /// <summary>The owner, the owner's department manager, or someone who sees all data.</summary>
    Full,
}

internal sealed class CompanyShareConfiguration : IEntityTypeConfiguration<CompanyShare>
{
    public void Configure(EntityTypeBuilder<CompanyShare> b)
    {
        b.HasKey(e => new { e.CompanyId, e.UserId });
        // The shared branch of a user's data scope reads this in company order (ADR 0007).
        b.HasIndex(e => new { e.UserId, e.CompanyId });
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.SharedById).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Tells the cached data scope whether any company is shared with a user.</summary>
internal sealed class SharedCompanies(KehuDbContext db) : ISharedRecords
{
    public Task<bool> AnySharedWithAsync(long userId, CancellationToken ct) =>
        db.CompanyShares.AnyAsync(s => s.UserId == userId, ct);
}
