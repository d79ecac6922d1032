using System.Globalization;
using Kehu.Web.Modules.Workflow;

namespace Kehu.Web.Modules.Trade;

/// <summary>What makes a 采购单 or a 销售单 read differently — its party, its author, its money — for
/// the 办理 page and the change history, which are otherwise the same.</summary>
public sealed record OrderShape(
    string PartyProperty, string PartyLabel,
    string AuthorProperty, string AuthorLabel,
    string TotalLabel, string SettledProperty, string SettledLabel, string OutstandingLabel,
    string LinesCaption, SettlementKind Settlement)
{
    public static readonly OrderShape Purchase = new("SupplierId", "供应商", "PurchaserId", "采购员",
        "应付金额", "Paid", "已付金额", "未付金额", "采购明细", SettlementKind.Payment);

    public static readonly OrderShape Sale = new("CustomerId", "客户", "SalespersonId", "销售员",
        "应收金额", "Received", "已收金额", "未收金额", "销售明细", SettlementKind.Receipt);

    /// <summary>The label (resource key) of each property the change history may name.</summary>
    public string FieldLabel(string property) => property switch
    {
        "OrderDate" => "日期",
        "Notes" => "备注",
        "State" => "状态",
        "Total" => TotalLabel,
        "ReviewerId" => "审核人",
        "ReviewOpinion" => "审核意见",
        "ReviewDate" => "审核日期",
        _ when property == PartyProperty => PartyLabel,
        _ when property == SettledProperty => SettledLabel,
        _ => property,
    };

    private static string Camel(string property) => char.ToLowerInvariant(property[0]) + property[1..];

    /// <summary>The order's fields on the 办理 page: the header read-only, the review fields editable
    /// while <paramref name="reviewing"/>, what is settled once approved, and the money step's form
    /// while <paramref name="settling"/>.</summary>
    public async Task<List<FieldView>> FieldsAsync<TLine>(TradeOrder<TLine> o, long partyId, long authorId, decimal? settled, decimal outstanding,
        bool reviewing, bool settling, long userId, OrderSteps steps, TradeLookups lookups, CancellationToken ct) where TLine : OrderLine
    {
        var users = (await lookups.UsersAsync(ct)).Select(u => (u.Id.ToString(CultureInfo.InvariantCulture), u.DisplayName)).ToList();
        var fields = new List<FieldView>
        {
            ReadOnly("number", "单据号", o.Number),
            ReadOnly("orderDate", "日期", o.OrderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ReadOnly(Camel(PartyProperty), PartyLabel, await lookups.CompanyNameAsync(partyId, ct)),
            ReadOnly(Camel(AuthorProperty), AuthorLabel, await lookups.UserNameAsync(authorId, ct)),
            new("notes", "备注", FieldKind.LongText, o.Notes, o.Notes, false),
            ReadOnly("total", TotalLabel, OrderSteps.Money(o.Total)),
        };
        var reviewer = reviewing ? o.ReviewerId ?? userId : o.ReviewerId;
        fields.AddRange(steps.ReviewViews(reviewing, reviewer, await lookups.UserNameAsync(reviewer, ct), o.ReviewOpinion, o.ReviewDate, users));
        if (settled is { } done)
        {
            fields.Add(ReadOnly(Camel(SettledProperty), SettledLabel, OrderSteps.Money(done)));
            fields.Add(ReadOnly("outstanding", OutstandingLabel, OrderSteps.Money(outstanding)));
        }
        if (settling)
            fields.AddRange(steps.SettlementViews(Settlement, outstanding, userId, await lookups.UserNameAsync(userId, ct), users));
        return fields;
    }

    /// <summary>What the change history shows for a raw value: names for the party and the
    /// reviewer, <paramref name="state"/>'s label for the state; else the value.</summary>
    public async Task<string> DisplayAsync(string property, string? raw, Func<string, string?> state, TradeLookups lookups, CancellationToken ct)
    {
        if (raw is null) return "—";
        if (property == "State") return state(raw) ?? raw;
        if (long.TryParse(raw, CultureInfo.InvariantCulture, out var id))
        {
            if (property == PartyProperty) return await lookups.CompanyNameAsync(id, ct) ?? raw;
            if (property == "ReviewerId") return await lookups.UserNameAsync(id, ct) ?? raw;
        }
        return raw;
    }

    private static FieldView ReadOnly(string name, string label, string? display) => new(name, label, FieldKind.Text, display, display, false);
}
