using System.Globalization;
using System.Security.Claims;
using Kehu.Web.Modules.Contracts.Api;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workbench;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Contracts;

/// <summary>合同: contracts with a company, approved by the author's 上级, linked to orders; shown on
/// the company's page, and on the workbench when they end within 30 days.</summary>
public static class ContractsModule
{
    /// <summary>How many days ahead 我的工作台 warns of a contract's 结束日期.</summary>
    public const int EndingSoonDays = 30;

    public static WebApplicationBuilder AddContractsModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<ContractWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<ContractWorkflow>());
        s.AddScoped<ContractAccess>();
        s.AddScoped<SaveContract>();
        s.AddScoped<ListContracts>();
        s.AddScoped<ExportContracts>();
        s.AddScoped<ContractDtos>();
        s.AddScoped<ICompanyReferences, ContractCompanyReferences>();
        s.AddScoped<ICompanyPanels, ContractCompanyPanel>();
        s.AddScoped<IWorkbenchReminders, ContractsEndingSoon>();
        s.AddScoped<Documents.IDocumentOwner, ContractDocuments>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Contracts/Pages/Contracts/Edit", "contracts/new"));
        return builder;
    }

    public static WebApplication MapContractsModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapContractsApi();
        return app;
    }
}

/// <summary>A company with contracts cannot be deleted.</summary>
public sealed class ContractCompanyReferences(KehuDbContext db) : ICompanyReferences
{
    public string Label => "合同";

    public Task<int> CountAsync(long companyId, CancellationToken ct) => db.Contracts.CountAsync(c => c.CompanyId == companyId, ct);
}

/// <summary>The company page's 合同 card: the newest contracts with it that the user may see.</summary>
public sealed class ContractCompanyPanel(ContractAccess access, TradeLookups lookups, IStringLocalizer<SharedResource> l) : ICompanyPanels
{
    public const int Shown = 5;

    public int Order => 30;

    public async Task<IReadOnlyList<Panel>> ForAsync(long userId, Company company, CancellationToken ct)
    {
        var contracts = await (await access.VisibleAsync(userId, ct)).Where(c => c.CompanyId == company.Id)
            .OrderByDescending(c => c.Id).Take(Shown).ToListAsync(ct);
        var rows = new List<PanelRow>();
        foreach (var c in contracts)
        {
            rows.Add(new PanelRow($"/contracts/{c.Id}", [c.Number, c.Title, l[ContractLabels.State(c.State)].Value,
                c.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Amount is { } a ? OrderSteps.Money(a) : null,
                await lookups.UserNameAsync(c.OwnerId, ct)]));
        }
        return [new Panel("company-contracts", l["合同"], l["还没有合同。"])
        {
            Columns = [new(l["合同编号"]), new(l["合同名称"]), new(l["状态"]), new(l["结束日期"]), new(l["合同金额"], Numeric: true), new(l["业务员"])],
            Rows = rows,
            AllUrl = $"/contracts?companyId={company.Id}",
        }];
    }
}

/// <summary>我的工作台's 即将到期的合同: the user's own approved contracts ending within
/// <see cref="ContractsModule.EndingSoonDays"/> days (a manager: those of the department's members).
/// Shown to those who may fill contracts.</summary>
public sealed class ContractsEndingSoon(KehuDbContext db, DataScopeProvider scopes, ContractAccess access, TradeLookups lookups,
    CompanyTimeZone zone, TimeProvider clock, IStringLocalizer<SharedResource> l) : IWorkbenchReminders
{
    public const int Shown = 10;

    public int Order => 20;

    public async Task<Panel?> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.RequiredUserId();
        var scope = await scopes.ForAsync(userId, ct);
        var mine = scope.Owned(db.Contracts.AsNoTracking(), c => c.OwnerId);
        var today = zone.Today(clock);
        var ending = await mine.Where(Contract.EndingBetween(today, today.AddDays(ContractsModule.EndingSoonDays)))
            .OrderBy(c => c.EndsOn).ThenBy(c => c.Id).Take(Shown + 1).ToListAsync(ct);
        if (ending.Count == 0 && !await access.MayAuthorAsync(userId, ct)) return null;
        var rows = new List<PanelRow>();
        foreach (var c in ending.Take(Shown))
        {
            var days = c.EndsOn!.Value.DayNumber - today.DayNumber;
            rows.Add(new PanelRow($"/contracts/{c.Id}", [c.Number, c.Title, await lookups.CompanyNameAsync(c.CompanyId, ct),
                c.EndsOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days == 0 ? l["今天到期"].Value : l["{0} 天后", days].Value]));
        }
        return new Panel("contracts-ending", l["即将到期的合同"], l["{0} 天内没有到期的合同。", ContractsModule.EndingSoonDays])
        {
            Columns = [new(l["合同编号"]), new(l["合同名称"]), new(l["客户"]), new(l["结束日期"]), new(l["剩余"])],
            Rows = rows,
            Badge = ending.Count > Shown ? $"{Shown}+" : ending.Count.ToString(CultureInfo.InvariantCulture),
            AllUrl = $"/contracts?endingWithin={ContractsModule.EndingSoonDays}&state=approved",
        };
    }
}
