using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>A company as the edit form and the API send it.</summary>
public sealed class CompanyInput
{
    public string? Name { get; set; }
    /// <summary><c>customer</c> and/or <c>supplier</c>; empty means customer.</summary>
    public List<string>? Roles { get; set; }
    public long? LevelId { get; set; }
    public long? SourceId { get; set; }
    public long? IndustryId { get; set; }
    public long? RegionId { get; set; }
    public long? StatusId { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Fax { get; set; }
    public string? Website { get; set; }
    public string? Email { get; set; }
    /// <summary>Empty means the current user (new records) or unchanged (edits).</summary>
    public long? OwnerId { get; set; }
    public string? Notes { get; set; }
    /// <summary>The version the client read; required for an edit.</summary>
    public int? Version { get; set; }

    public static CompanyInput From(Company c) => new()
    {
        Name = c.Name,
        Roles = [.. c.RoleNames],
        LevelId = c.LevelId,
        SourceId = c.SourceId,
        IndustryId = c.IndustryId,
        RegionId = c.RegionId,
        StatusId = c.StatusId,
        Address = c.Address,
        Phone = c.Phone,
        Fax = c.Fax,
        Website = c.Website,
        Email = c.Email,
        OwnerId = c.OwnerId,
        Notes = c.Notes,
        Version = c.Version,
    };
}

/// <summary>Creates and edits companies, for the edit page and the API alike.</summary>
public sealed class SaveCompany(
    KehuDbContext db,
    DataScopeProvider scopes,
    CustomerLookups lookups,
    NumberingService numbering,
    IEnumerable<ISupplierUsage> supplierUsages,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<Company>> CreateAsync(long userId, CompanyInput input, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        var checkedInput = await ValidateAsync(scope, input, existing: null, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var company = new Company(await numbering.NextAsync("company", ct), checkedInput.Value);
        db.Companies.Add(company);
        var saved = await SaveAsync(ct);
        if (!saved.IsSuccess) return saved.Error!;
        await tx.CommitAsync(ct);
        return company;
    }

    public async Task<Result<Company>> UpdateAsync(long userId, long id, CompanyInput input, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        var access = await CompanyScope.AccessAsync(db, scope, id, ct);
        if (access == CompanyAccess.None) return Error.NotFound(l["客户不存在或无权访问"]);
        var company = await db.Companies.Include(c => c.NameGrams).Include(c => c.Shares).AsSplitQuery().FirstAsync(c => c.Id == id, ct);
        if (input.Version is null)
            return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        if (access == CompanyAccess.Shared && input.OwnerId is { } newOwner && newOwner != company.OwnerId)
            return Error.Forbidden(l["共享给你的客户不能更改负责人"]);

        var checkedInput = await ValidateAsync(scope, input, company, ct);
        if (!checkedInput.IsSuccess) return checkedInput.Error!;
        db.Entry(company).Property(c => c.Version).OriginalValue = input.Version.Value;
        company.Apply(checkedInput.Value);
        var saved = await SaveAsync(ct);
        return saved.IsSuccess ? company : saved.Error!;
    }

    private async Task<Result<bool>> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<Company>().SingleOrDefault(e => e.State != EntityState.Unchanged) is { } entry)
        {
            // A unique index caught what the checks could not see: a concurrent save of the same
            // name, or a code the numbering pattern handed out twice.
            var company = entry.Entity;
            var nameTaken = await db.Companies.AsNoTracking().AnyAsync(c => c.NormalizedName == company.NormalizedName && c.Id != company.Id, ct);
            return nameTaken
                ? new Validation().Add("name", l["单位名称已存在"]).ToError(l["请检查输入"])
                : Error.Conflict(l["客户编号 {0} 已被使用，请让管理员检查编号规则", company.Code]);
        }
    }

    private Task<Result<CompanyDetails>> ValidateAsync(DataScope scope, CompanyInput input, Company? existing, CancellationToken ct) =>
        ValidateAsync(scope, input, existing, checkNameClash: true, ct);

    /// <summary>The form's rules for one company. An import checks name clashes for a whole batch
    /// at once and passes <paramref name="checkNameClash"/> false.</summary>
    public async Task<Result<CompanyDetails>> ValidateAsync(DataScope scope, CompanyInput input, Company? existing, bool checkNameClash, CancellationToken ct)
    {
        var v = new Validation();
        var check = new FieldChecks(v, l, lookups);
        var name = check.Required("name", "单位名称", input.Name, 200);
        var roles = input.Roles?.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).ToList() ?? [];
        if (roles.Any(r => r is not ("customer" or "supplier"))) v.Add("roles", l["{0}的取值无效", l["类型"]]);
        if (roles.Count == 0) roles.Add("customer");
        if (existing is { IsSupplier: true } && !roles.Contains("supplier"))
        {
            foreach (var usage in supplierUsages)
            {
                if (await usage.DescribeAsync(existing.Id, ct) is { } used)
                    v.Add("roles", l["该单位是 {0}的供应商，不能取消供应商类型", used]);
            }
        }
        await check.OptionAsync("levelId", "客户等级", OptionLists.CustomerLevel, input.LevelId, existing?.LevelId, ct);
        await check.OptionAsync("sourceId", "客户来源", OptionLists.CustomerSource, input.SourceId, existing?.SourceId, ct);
        await check.OptionAsync("industryId", "所属行业", OptionLists.Industry, input.IndustryId, existing?.IndustryId, ct);
        await check.OptionAsync("regionId", "所在地区", OptionLists.Region, input.RegionId, existing?.RegionId, ct);
        await check.OptionAsync("statusId", "客户状态", OptionLists.CustomerStatus, input.StatusId, existing?.StatusId, ct);
        check.Length("address", "地址", input.Address, 200);
        check.Length("phone", "电话", input.Phone, 50);
        check.Length("fax", "传真", input.Fax, 50);
        check.Length("website", "网址", input.Website, 200);
        check.Email("email", "邮箱", input.Email);
        check.Length("notes", "备注", input.Notes, 2000);

        var owner = input.OwnerId ?? existing?.OwnerId ?? scope.UserId;
        if (owner != existing?.OwnerId && (await lookups.AssignableOwnersAsync(scope, ct)).All(u => u.Id != owner))
            v.Add("ownerId", l["{0}的取值无效", l["负责人"]]);

        if (name is not null && checkNameClash)
        {
            var normalized = NameNormalizer.Normalize(name);
            var clash = await db.Companies.AsNoTracking()
                .Where(c => c.NormalizedName == normalized && c.Id != (existing == null ? 0 : existing.Id))
                .Select(c => new { c.Name, c.Code }).FirstOrDefaultAsync(ct);
            if (clash is not null) v.Add("name", l["单位名称已存在：{0}（{1}）", clash.Name, clash.Code]);
        }
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        return new CompanyDetails(name!, roles.Contains("customer"), roles.Contains("supplier"),
            input.LevelId, input.SourceId, input.IndustryId, input.RegionId, input.StatusId,
            input.Address, input.Phone, input.Fax, input.Website, input.Email, owner, input.Notes);
    }
}

/// <summary>Deletes a company that nothing refers to any more.</summary>
public sealed class DeleteCompany(
    KehuDbContext db,
    DataScopeProvider scopes,
    IEnumerable<ICompanyReferences> references,
    IEnumerable<ISupplierUsage> supplierUsages,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<bool>> HandleAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var access = await CompanyScope.AccessAsync(db, await scopes.ForAsync(userId, ct), id, ct);
        if (access == CompanyAccess.None) return Error.NotFound(l["客户不存在或无权访问"]);
        if (access == CompanyAccess.Shared) return Error.Forbidden(l["共享给你的客户不能删除"]);
        var company = await db.Companies.FirstAsync(c => c.Id == id, ct);
        if (version is not null) db.Entry(company).Property(c => c.Version).OriginalValue = version.Value;
        if (await BlockerAsync(id, ct) is { } blocker) return Error.Conflict(blocker);
        db.Companies.Remove(company);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return true;
    }

    /// <summary>Why the company cannot be deleted (what still refers to it), or null.</summary>
    public async Task<string?> BlockerAsync(long id, CancellationToken ct)
    {
        var contacts = await db.Contacts.CountAsync(c => c.CompanyId == id, ct);
        var records = await db.ContactRecords.CountAsync(r => r.CompanyId == id, ct);
        if (contacts + records > 0)
            return l["该客户下还有 {0} 个联系人和 {1} 条联系记录，请先删除它们", contacts, records];
        foreach (var other in references)
        {
            var count = await other.CountAsync(id, ct);
            if (count > 0) return l["该客户下还有 {0} 张{1}，不能删除", count, l[other.Label]];
        }
        foreach (var usage in supplierUsages)
        {
            if (await usage.DescribeAsync(id, ct) is { } used)
                return l["该单位是 {0}的供应商，不能删除", used];
        }
        return null;
    }
}
