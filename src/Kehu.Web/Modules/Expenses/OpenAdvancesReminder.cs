using System.Globalization;
using System.Security.Claims;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workbench;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Expenses;

/// <summary>未结清借支 on 我的工作台: the user's own open advances, oldest first (the longest open
/// matter most); the finance manager's card lists everyone's.</summary>
public sealed class OpenAdvancesReminder(ExpenseAccess access, ExpenseLookups lookups, IStringLocalizer<SharedResource> l) : IWorkbenchReminders
{
    public const int Shown = 10;

    public int Order => 50;

    public async Task<Panel?> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.RequiredUserId();
        var seesAll = await access.SeesAllAsync(userId, ct);
        var advances = (await access.AdvancesAsync(userId, ct)).Where(a => a.IsOpen);
        if (!seesAll) advances = advances.Where(a => a.PersonId == userId);
        var rows = await advances.OrderBy(a => a.PaymentDate).ThenBy(a => a.Id).Take(Shown + 1).ToListAsync(ct);
        if (rows.Count == 0 && !seesAll && !await access.MayApplyAsync(userId, ct)) return null;
        var cells = new List<PanelRow>();
        foreach (var a in rows.Take(Shown))
        {
            cells.Add(new PanelRow($"/expenses/advances/{a.Id}",
            [
                a.Number, await lookups.UserNameAsync(a.PersonId, ct), a.PaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                a.ExpectedRepaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), OrderSteps.Money(a.Open),
            ]));
        }
        return new Panel("open-advances", l["未结清借支"], l["没有未结清的借支。"])
        {
            Columns = [new(l["单据编号"]), new(l["借款人"]), new(l["付款日期"]), new(l["预计还款日期"]), new(l["未结金额"], Numeric: true)],
            Rows = cells,
            AllUrl = seesAll ? "/expenses/advances?open=true" : $"/expenses/advances?open=true&personId={userId}",
            Badge = rows.Count > Shown ? $"{Shown}+" : rows.Count.ToString(CultureInfo.InvariantCulture),
        };
    }
}
