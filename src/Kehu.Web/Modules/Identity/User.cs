using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Identity;

public sealed class User : AuditedEntity, IHasChangeHistory
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public string UserName { get; private set; } = "";
    public string NormalizedUserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string? Email { get; private set; }
    [HistoryRedacted]
    public string? PasswordHash { get; private set; }
    public long? DepartmentId { get; private set; }
    public Department? Department { get; private set; }
    /// <summary>An explicitly set supervisor (上级); when empty, the department's manager is.</summary>
    public long? SupervisorId { get; private set; }
    public bool IsActive { get; private set; } = true;
    [NotInHistory]
    public int FailedLoginCount { get; private set; }
    [NotInHistory]
    public DateTime? LockoutEndsAt { get; private set; }
    /// <summary>Changes whenever the password, roles or active flag change, so open sessions
    /// re-check who they are.</summary>
    [HistoryRedacted]
    public string SecurityStamp { get; private set; } = NewStamp();
    public List<UserRole> Roles { get; private set; } = [];

    private User() { }

    public User(string userName, string displayName, long? departmentId)
    {
        UserName = userName.Trim();
        NormalizedUserName = Normalize(userName);
        DisplayName = displayName.Trim();
        DepartmentId = departmentId;
    }

    public static string Normalize(string userName) => NameNormalizer.Normalize(userName);

    public void Edit(string displayName, string? email, long? departmentId, long? supervisorId)
    {
        DisplayName = displayName.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        DepartmentId = departmentId;
        SupervisorId = supervisorId;
    }

    public void SetPasswordHash(string hash)
    {
        PasswordHash = hash;
        FailedLoginCount = 0;
        LockoutEndsAt = null;
        SecurityStamp = NewStamp();
    }

    public void SetRoles(IEnumerable<long> roleIds)
    {
        var wanted = roleIds.Distinct().ToHashSet();
        Roles.RemoveAll(r => !wanted.Contains(r.RoleId));
        foreach (var id in wanted.Where(id => Roles.All(r => r.RoleId != id)))
            Roles.Add(new UserRole(id));
        SecurityStamp = NewStamp();
    }

    public void SetActive(bool active)
    {
        IsActive = active;
        SecurityStamp = NewStamp();
    }

    public bool IsLockedOut(DateTime now) => LockoutEndsAt is { } end && end > now;

    public void RecordFailedLogin(DateTime now)
    {
        FailedLoginCount++;
        if (FailedLoginCount >= MaxFailedLogins)
        {
            LockoutEndsAt = now + LockoutDuration;
            FailedLoginCount = 0;
        }
    }

    public void RecordSuccessfulLogin()
    {
        FailedLoginCount = 0;
        LockoutEndsAt = null;
    }

    /// <summary>An administrator lifts a lockout before it runs out.</summary>
    public void Unlock()
    {
        FailedLoginCount = 0;
        LockoutEndsAt = null;
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>One role of a user; giving or taking it is a change of the user's 角色 in their history.</summary>
public sealed class UserRole : IPartOfHistory
{
    public long UserId { get; private set; }
    public long RoleId { get; private set; }
    public Role? Role { get; private set; }

    private UserRole() { }

    public UserRole(long roleId) => RoleId = roleId;

    string IPartOfHistory.HistoryEntityType => nameof(User);
    long IPartOfHistory.HistoryEntityId => UserId;
    string IPartOfHistory.HistoryField => nameof(User.Roles);
    string IPartOfHistory.HistoryValue => RoleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>, IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.UserName).HasMaxLength(64);
        b.Property(e => e.NormalizedUserName).HasMaxLength(64);
        b.HasIndex(e => e.NormalizedUserName).IsUnique();
        b.Property(e => e.DisplayName).HasMaxLength(64);
        b.Property(e => e.Email).HasMaxLength(200);
        b.Property(e => e.PasswordHash).HasMaxLength(200);
        b.Property(e => e.SecurityStamp).HasMaxLength(40);
        b.HasOne(e => e.Department).WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Roles).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<UserRole> b)
    {
        b.HasKey(e => new { e.UserId, e.RoleId });
        b.HasOne(e => e.Role).WithMany().HasForeignKey(e => e.RoleId).OnDelete(DeleteBehavior.Restrict);
    }
}
