using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Seeding;

/// <summary>What every install starts with: the built-in roles, default option lists, the
/// numbering patterns, the default warehouse and one administrator (without a password unless one is configured).
/// A database from an earlier version gets what was added since at start-up (<see cref="CatchUpAsync"/>).</summary>
public sealed class BaseData(KehuDbContext db, IPasswordHasher<User> hasher)
{
    public static readonly IReadOnlyDictionary<string, string[]> DefaultOptions = new Dictionary<string, string[]>
    {
        [OptionLists.CustomerLevel] = ["重点客户", "普通客户", "一般客户"],
        [OptionLists.CustomerSource] = ["电话营销", "网络推广", "客户介绍", "展会", "老客户", "其他"],
        [OptionLists.Industry] = ["机械制造", "电子电器", "化工", "建筑建材", "商贸批发", "软件信息", "食品饮料", "其他"],
        [OptionLists.Region] = ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "其他"],
        [OptionLists.CustomerStatus] = ["潜在", "意向", "成交", "流失"],
        [OptionLists.ContactMethod] = ["电话", "拜访", "邮件", "微信", "其他"],
        [OptionLists.ComplaintType] = ["产品质量", "安装调试", "交货延迟", "服务态度", "其他"],
        [OptionLists.ComplaintChannel] = ["电话", "信件", "邮件", "上门", "其他"],
        [OptionLists.ComplaintUrgency] = ["一般", "紧急", "非常紧急"],
        [OptionLists.ExpenseType] = ["差旅费", "交通费", "住宿费", "餐费", "业务招待费", "办公费", "通讯费", "其他"],
        [OptionLists.Unit] = ["个", "件", "台", "套", "箱", "包", "盒", "盘", "条", "把", "米", "千克", "升"],
        [OptionLists.DocumentCategory] = ["合同扫描件", "报价单", "产品资料", "发票", "其他"],
    };

    /// <summary>Adds the base data a newer version brings to a database that already has users:
    /// built-in roles it lacks, the default items of option lists that have none (a list added by the
    /// new version; an empty list leaves its form's drop-down with nothing to choose), and the
    /// default warehouse. Safe when two servers start at once: a lost race leaves the other's rows.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        var roles = await db.Roles.Select(r => r.Code).ToListAsync(ct);
        foreach (var (code, name) in RoleCodes.BuiltIn.Where(r => !roles.Contains(r.Code)))
            db.Roles.Add(new Role(code, name, seesAllData: code == RoleCodes.Administrator));
        var lists = await db.OptionItems.Select(o => o.ListCode).Distinct().ToListAsync(ct);
        foreach (var (list, names) in DefaultOptions.Where(kv => !lists.Contains(kv.Key)))
            for (var i = 0; i < names.Length; i++)
                db.OptionItems.Add(new OptionItem(list, names[i], (i + 1) * 10));
        if (!await db.Warehouses.AnyAsync(ct)) db.Warehouses.Add(new Warehouse(Warehouse.DefaultName, isDefault: true));
        var added = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
        if (added == 0) return 0;
        try
        {
            await db.SaveChangesAsync(ct);
            return added;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    public async Task<User> SeedAsync(string? adminPassword, CancellationToken ct)
    {
        foreach (var (code, name) in RoleCodes.BuiltIn)
            db.Roles.Add(new Role(code, name, seesAllData: code == RoleCodes.Administrator));
        foreach (var (list, names) in DefaultOptions)
            for (var i = 0; i < names.Length; i++)
                db.OptionItems.Add(new OptionItem(list, names[i], (i + 1) * 10));
        foreach (var (type, pattern) in NumberingService.Defaults)
            db.NumberingPatterns.Add(new NumberingPattern(type, pattern));
        db.Warehouses.Add(new Warehouse(Warehouse.DefaultName, isDefault: true));
        await db.SaveChangesAsync(ct);

        var admin = new User("admin", "管理员", null);
        if (!string.IsNullOrEmpty(adminPassword)) admin.SetPasswordHash(hasher.HashPassword(admin, adminPassword));
        admin.SetRoles([db.Roles.Local.Single(r => r.Code == RoleCodes.Administrator).Id]);
        db.Users.Add(admin);
        await db.SaveChangesAsync(ct);
        return admin;
    }
}
