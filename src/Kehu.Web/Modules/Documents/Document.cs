using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Documents;

/// <summary>文档: one stored file, attached to a record (<see cref="OwnerType"/> is the owner's API
/// resource name, e.g. "companies") or in the document library (no owner). The file itself lives in
/// <see cref="DocumentStorage"/> under <see cref="StoredName"/>, a name the server made up; the name
/// the user gave is kept only to show and to offer on download.</summary>
public sealed class Document : AuditedEntity
{
    public const int TitleMax = 200;
    public const int FileNameMax = 255;

    public string? OwnerType { get; private set; }
    public long? OwnerId { get; private set; }
    public long? CategoryId { get; private set; }
    public string? Title { get; private set; }
    public string FileName { get; private set; } = "";
    public long Size { get; private set; }
    public string ContentType { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string StoredName { get; private set; } = "";
    public long UploadedById { get; private set; }
    public DateTime UploadedAt { get; private set; }

    private Document() { }

    internal Document(string? ownerType, long? ownerId, long? categoryId, string? title, StoredFile file, long uploadedById, DateTime uploadedAt)
    {
        if ((ownerType is null) != (ownerId is null)) throw new ArgumentException("An attached document names both its owner's type and id.", nameof(ownerType));
        OwnerType = ownerType;
        OwnerId = ownerId;
        CategoryId = categoryId;
        Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        FileName = file.FileName;
        Size = file.Size;
        ContentType = file.ContentType;
        Sha256 = file.Sha256;
        StoredName = file.StoredName;
        UploadedById = uploadedById;
        UploadedAt = uploadedAt;
    }

    public bool IsInLibrary => OwnerType is null;
}

/// <summary>A file written to the storage folder, not yet (or no longer) recorded.</summary>
public sealed record StoredFile(string StoredName, string FileName, long Size, string ContentType, string Sha256);

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.OwnerType).HasMaxLength(64);
        b.Property(e => e.Title).HasMaxLength(Document.TitleMax);
        b.Property(e => e.FileName).HasMaxLength(Document.FileNameMax);
        b.Property(e => e.ContentType).HasMaxLength(128);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.StoredName).HasMaxLength(64);
        b.HasIndex(e => e.StoredName).IsUnique();
        // A record's attachments, newest first; the library is the rows without an owner.
        b.HasIndex(e => new { e.OwnerType, e.OwnerId, e.Id });
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UploadedById).OnDelete(DeleteBehavior.Restrict);
    }
}
