using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Identity;

/// <summary>The built-in roles of SPEC §1. The code is what policies test; the name is shown.</summary>
public static class RoleCodes
{
    public const string Administrator = "admin";
    public const string Salesperson = "sales";
    public const string SalesManager = "sales-manager";
    public const string Purchaser = "purchaser";
    public const string PurchaseManager = "purchase-manager";
    public const string WarehouseKeeper = "warehouse-keeper";
    public const string FinanceManager = "finance-manager";
    public const string CustomerService = "customer-service";
    public const string TechnicalManager = "technical-manager";
    public const string ServiceStaff = "service-staff";
    public const string Employee = "employee";

    /// <summary>Code and Chinese name (a resource key) of every built-in role.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> BuiltIn =
    [
        (Administrator, "系统管理员"),
        (Salesperson, "销售员"),
        (SalesManager, "销售部经理"),
        (Purchaser, "采购员"),
        (PurchaseManager, "采购部经理"),
        (WarehouseKeeper, "仓库管理员"),
        (FinanceManager, "财务部经理"),
        (CustomerService, "客服人员"),
        (TechnicalManager, "技术部经理"),
        (ServiceStaff, "服务人员"),
        (Employee, "员工"),
    ];
}

public sealed class Role : AuditedEntity, IHasChangeHistory
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Members see every record, not only their own or their department's.</summary>
    public bool SeesAllData { get; private set; }

    private Role() { }

    public Role(string code, string name, bool seesAllData)
    {
        Code = code;
        Edit(name, seesAllData);
    }

    public void Edit(string name, bool seesAllData)
    {
        Name = name.Trim();
        SeesAllData = seesAllData || Code == RoleCodes.Administrator;
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Code).HasMaxLength(40);
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Name).HasMaxLength(64);
    }
}
