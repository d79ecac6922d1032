using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Identity;

public enum ApiTokenKind
{
    Login = 1,
    Personal = 2,
}

/// <summary>A bearer token: from <c>POST /api/v1/auth/login</c>, or a personal access token a user
/// made. Only the SHA-256 of the secret is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public const string Prefix = "kehu_";

    public long Id { get; private set; }
    public long UserId { get; private set; }
    public ApiTokenKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    private ApiToken() { }

    public static (ApiToken Token, string Secret) Issue(long userId, ApiTokenKind kind, string name, DateTime now, DateTime expiresAt)
    {
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (new ApiToken
        {
            UserId = userId,
            Kind = kind,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        }, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsable(DateTime now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void MarkUsed(DateTime now) => LastUsedAt = now;
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(e => e.TokenHash).HasMaxLength(64);
        b.HasIndex(e => e.TokenHash).IsUnique();
        b.HasIndex(e => new { e.UserId, e.Kind });
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
