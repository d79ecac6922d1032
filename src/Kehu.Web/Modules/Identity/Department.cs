using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Identity;

public sealed class Department : AuditedEntity, IHasChangeHistory
{
    public string Name { get; private set; } = "";
    /// <summary>The 部门经理: the supervisor (上级) of the department's members.</summary>
    public long? ManagerId { get; private set; }

    private Department() { }

    public Department(string name) => Name = name.Trim();

    public void Edit(string name, long? managerId)
    {
        Name = name.Trim();
        ManagerId = managerId;
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Name).HasMaxLength(64);
        b.HasIndex(e => e.Name).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
