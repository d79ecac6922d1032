using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Platform.Options;

/// <summary>The option lists (数据字典) that drop-downs take their values from.</summary>
public static class OptionLists
{
    public const string CustomerLevel = "customer-level";
    public const string CustomerSource = "customer-source";
    public const string Industry = "industry";
    public const string Region = "region";
    public const string CustomerStatus = "customer-status";
    public const string ContactMethod = "contact-method";
    public const string ComplaintType = "complaint-type";
    public const string ComplaintChannel = "complaint-channel";
    public const string ComplaintUrgency = "complaint-urgency";
    public const string Unit = "unit";
    public const string DocumentCategory = "document-category";
    public const string ExpenseType = "expense-type";

    /// <summary>Every list with its label key (a resource key).</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        (CustomerLevel, "客户等级"),
        (CustomerSource, "客户来源"),
        (Industry, "所属行业"),
        (Region, "所在地区"),
        (CustomerStatus, "客户状态"),
        (ContactMethod, "联系方式"),
        (ComplaintType, "投诉类型"),
        (ComplaintChannel, "投诉方式"),
        (ComplaintUrgency, "紧急程度"),
        (Unit, "单位"),
        (DocumentCategory, "文档分类"),
        (ExpenseType, "费用类型"),
    ];

    public static bool Exists(string code) => All.Any(l => l.Code == code);
}

public sealed class OptionItem : AuditedEntity
{
    public string ListCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;

    private OptionItem() { }

    public OptionItem(string listCode, string name, int sortOrder)
    {
        ListCode = listCode;
        Rename(name, sortOrder);
    }

    public void Rename(string name, int sortOrder)
    {
        Name = name.Trim();
        SortOrder = sortOrder;
    }

    public void SetActive(bool active) => IsActive = active;
}

internal sealed class OptionItemConfiguration : IEntityTypeConfiguration<OptionItem>
{
    public void Configure(EntityTypeBuilder<OptionItem> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.ListCode).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasIndex(e => new { e.ListCode, e.Name }).IsUnique();
    }
}
