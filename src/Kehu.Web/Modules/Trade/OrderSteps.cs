using System.Globalization;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>付款方式 / 收款方式: fixed choices; the API spells them in lower case.</summary>
public enum PaymentMethod
{
    Cash = 1,
    BankTransfer = 2,
    Cheque = 3,
    Other = 4,
}

public static class PaymentMethods
{
    public static string Label(PaymentMethod m) => m switch
    {
        PaymentMethod.Cash => "现金",
        PaymentMethod.BankTransfer => "银行转账",
        PaymentMethod.Cheque => "支票",
        PaymentMethod.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
    };

    public static string Api(PaymentMethod m) => m switch
    {
        PaymentMethod.Cash => "cash",
        PaymentMethod.BankTransfer => "bank",
        PaymentMethod.Cheque => "cheque",
        PaymentMethod.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
    };

    public static PaymentMethod? Parse(string? text) =>
        Enum.GetValues<PaymentMethod>().Cast<PaymentMethod?>().FirstOrDefault(m => string.Equals(Api(m!.Value), text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The field names and labels of a money step: paying a supplier (付款) or collecting from a
/// customer (收款).</summary>
public sealed record SettlementKind(string Amount, string Method, string Date, string Person,
    string AmountLabel, string MethodLabel, string DateLabel, string PersonLabel, string TooMuch)
{
    public static readonly SettlementKind Payment = new("paymentAmount", "paymentMethod", "paymentDate", "payerId",
        "付款金额", "付款方式", "付款日期", "付款人", "付款金额不能超过未付金额 {0}");

    public static readonly SettlementKind Receipt = new("receiptAmount", "receiptMethod", "receiptDate", "receiverId",
        "收款金额", "收款方式", "收款日期", "收款人", "收款金额不能超过未收金额 {0}");

    public string[] Fields => [Amount, Method, Date, Person];
}

public sealed record Settlement(decimal Amount, PaymentMethod Method, DateOnly Date, long PersonId);

public sealed record Review(long ReviewerId, string? Opinion, DateOnly Date);

/// <summary>The steps purchase and sales orders share: the manager's review fields (审核人, 审核意见,
/// 审核日期) and the finance manager's money step, read from the 办理 form or the API, and shown on
/// the 办理 page.</summary>
public sealed class OrderSteps(KehuDbContext db, CompanyTimeZone zone, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public static readonly string[] ReviewFields = ["reviewerId", "reviewOpinion", "reviewDate"];

    /// <summary>审核人 defaults to the manager acting, 审核日期 to today, 审核意见 to the action's opinion.</summary>
    public async Task<Result<Review>> ReviewAsync(WorkflowContext context, CancellationToken ct)
    {
        var f = context.Fields;
        var v = new Validation();
        var reviewerId = f.Id("reviewerId", out var reviewerValid) ?? context.UserId;
        if (!reviewerValid || !await db.Users.AnyAsync(u => u.Id == reviewerId && u.IsActive, ct))
            v.Add("reviewerId", l["{0}的取值无效", l["审核人"]]);
        var opinion = f.Text("reviewOpinion") ?? context.Opinion;
        if (opinion is { Length: > 500 }) v.Add("reviewOpinion", l["{0}不能超过 {1} 个字符", l["审核意见"], 500]);
        var date = Date(f.Text("reviewDate"), "reviewDate", "审核日期", v);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new Review(reviewerId, opinion, date);
    }

    /// <summary>A payment or receipt: a positive amount in cents, at most what is outstanding, a
    /// method, a date not in the future (today) and the person (the finance manager acting).</summary>
    public async Task<Result<Settlement>> SettlementAsync(SettlementKind kind, WorkflowContext context, decimal outstanding, CancellationToken ct)
    {
        var f = context.Fields;
        var v = new Validation();
        var amount = f.Number(kind.Amount, out var amountValid);
        if (!amountValid) v.Add(kind.Amount, l["{0}必须是数字", l[kind.AmountLabel]]);
        else if (amount is null) v.Add(kind.Amount, l["{0}不能为空", l[kind.AmountLabel]]);
        else if (amount <= 0) v.Add(kind.Amount, l["{0}必须大于 0", l[kind.AmountLabel]]);
        else if (decimal.Round(amount.Value, 2) != amount) v.Add(kind.Amount, l["{0}最多 {1} 位小数", l[kind.AmountLabel], 2]);
        else if (amount > outstanding) v.Add(kind.Amount, l[kind.TooMuch, Money(outstanding)]);
        var method = PaymentMethods.Parse(f.Text(kind.Method));
        if (f.Text(kind.Method) is null) v.Add(kind.Method, l["{0}不能为空", l[kind.MethodLabel]]);
        else if (method is null) v.Add(kind.Method, l["{0}的取值无效", l[kind.MethodLabel]]);
        var date = Date(f.Text(kind.Date), kind.Date, kind.DateLabel, v);
        var personId = f.Id(kind.Person, out var personValid) ?? context.UserId;
        if (!personValid || !await db.Users.AnyAsync(u => u.Id == personId && u.IsActive, ct))
            v.Add(kind.Person, l["{0}的取值无效", l[kind.PersonLabel]]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new Settlement(amount!.Value, method!.Value, date, personId);
    }

    /// <summary>The three review fields, editable by the manager at the review step.</summary>
    public IEnumerable<FieldView> ReviewViews(bool editing, long? reviewerId, string? reviewer, string? opinion, DateOnly? date,
        IReadOnlyList<(string, string)> users)
    {
        yield return new FieldView("reviewerId", "审核人", FieldKind.User, reviewerId?.ToString(CultureInfo.InvariantCulture),
            reviewer, editing, Choices: editing ? users : null);
        yield return new FieldView("reviewOpinion", "审核意见", FieldKind.LongText, opinion, opinion, editing);
        var shown = date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? (editing ? Today : null);
        yield return new FieldView("reviewDate", "审核日期", FieldKind.Text, shown, shown, editing, Hint: editing ? "格式：yyyy-MM-dd" : null);
    }

    /// <summary>The money step's form: the outstanding amount, bank transfer, today and the user acting.</summary>
    public IEnumerable<FieldView> SettlementViews(SettlementKind kind, decimal outstanding, long userId, string? userName, IReadOnlyList<(string, string)> users)
    {
        yield return new FieldView(kind.Amount, kind.AmountLabel, FieldKind.Number, outstanding.ToString("0.00", CultureInfo.InvariantCulture), null, true, Required: true);
        yield return new FieldView(kind.Method, kind.MethodLabel, FieldKind.Option, PaymentMethods.Api(PaymentMethod.BankTransfer), null, true, Required: true,
            Choices: Enum.GetValues<PaymentMethod>().Select(m => (PaymentMethods.Api(m), l[PaymentMethods.Label(m)].Value)).ToList());
        yield return new FieldView(kind.Date, kind.DateLabel, FieldKind.Text, Today, Today, true, Hint: "格式：yyyy-MM-dd");
        yield return new FieldView(kind.Person, kind.PersonLabel, FieldKind.User, userId.ToString(CultureInfo.InvariantCulture), userName, true, Choices: users);
    }

    public static string Quantity(decimal q) => q.ToString("0.###", CultureInfo.InvariantCulture);
    public static string Price(decimal p) => p.ToString("0.00##", CultureInfo.InvariantCulture);
    public static string Discount(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
    public static string Money(decimal m) => m.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>The lines as the 办理 page's read-only table.</summary>
    public static TableView LinesTable(string caption, IEnumerable<OrderLineView> rows) =>
        new(caption, ["商品编码", "商品名称", "单位", "数量", "单价", "折扣", "金额"],
            rows.Select(r => (IReadOnlyList<string?>)[r.ProductCode, r.ProductName, r.Unit, Quantity(r.Quantity), Price(r.UnitPrice), Discount(r.Discount), Money(r.Amount)]).ToList(),
            [3, 4, 5, 6]);

    private string Today => zone.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly Date(string? text, string field, string label, Validation v)
    {
        var today = zone.Today(clock);
        if (text is null) return today;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date < today.AddYears(-10))
        {
            v.Add(field, l["{0}的取值无效", l[label]]);
            return today;
        }
        if (date > today) v.Add(field, l["{0}不能晚于今天", l[label]]);
        return date;
    }
}
