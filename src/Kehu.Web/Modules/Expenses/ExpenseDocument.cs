using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Expenses;

/// <summary>Where a 费用报销单 or 费用借支单 stands. Both follow the same workflow.</summary>
public enum ExpenseState
{
    /// <summary>草稿: being filled by the applicant.</summary>
    Draft = 1,
    /// <summary>已退回: sent back to the applicant by the 上级 or by finance.</summary>
    Returned = 2,
    /// <summary>待上级审批.</summary>
    SupervisorReview = 3,
    /// <summary>待财务审批: waiting for the finance manager to approve and pay.</summary>
    FinanceReview = 4,
    /// <summary>已付款.</summary>
    Paid = 5,
    /// <summary>已驳回: the 上级 or finance did not agree.</summary>
    Rejected = 6,
}

/// <summary>
/// What a claim and an advance share: 单据编号, 开单日期, the applicant (who fills and submits it),
/// the person it is for (报销人 / 借款人) and their 部门 at save, and the payment the finance manager
/// records. The states move only through the workflow's hook; a wrong move is a bug.
/// </summary>
public abstract class ExpenseDocument : AuditedEntity, IHasChangeHistory
{
    public string Number { get; private set; } = "";
    /// <summary>开单日期.</summary>
    public DateOnly DocumentDate { get; private set; }
    /// <summary>填单人: who filled the document, and the only one who edits, submits or deletes it.</summary>
    public long ApplicantId { get; private set; }
    /// <summary>报销人 / 借款人.</summary>
    public long PersonId { get; private set; }
    /// <summary>部门: the person's department when the document was last saved.</summary>
    public long? DepartmentId { get; private set; }
    public ExpenseState State { get; private set; }
    public DateOnly? PaymentDate { get; private set; }
    public PaymentMethod? PaymentMethod { get; private set; }
    public decimal? PaymentAmount { get; private set; }
    public long? PayerId { get; private set; }

    protected ExpenseDocument() { }

    protected ExpenseDocument(string number, long applicantId)
    {
        Number = number;
        ApplicantId = applicantId;
        State = ExpenseState.Draft;
    }

    public bool IsEditable => State is ExpenseState.Draft or ExpenseState.Returned;

    /// <summary>What finance pays: 实付金额 of a claim, 借款金额 of an advance.</summary>
    public abstract decimal AmountToPay { get; }

    protected void SetHeader(DateOnly date, long personId, long? departmentId)
    {
        Require(IsEditable, "Edit");
        DocumentDate = date;
        PersonId = personId;
        DepartmentId = departmentId;
    }

    /// <summary>提交: to the 上级, or straight to finance when the applicant has none.</summary>
    public void Submit(bool toSupervisor)
    {
        Require(IsEditable, nameof(Submit));
        State = toSupervisor ? ExpenseState.SupervisorReview : ExpenseState.FinanceReview;
    }

    public void SupervisorApproved()
    {
        Require(State == ExpenseState.SupervisorReview, nameof(SupervisorApproved));
        State = ExpenseState.FinanceReview;
    }

    public void Reject()
    {
        Require(State is ExpenseState.SupervisorReview or ExpenseState.FinanceReview, nameof(Reject));
        State = ExpenseState.Rejected;
    }

    public void ReturnToApplicant()
    {
        Require(State is ExpenseState.SupervisorReview or ExpenseState.FinanceReview, nameof(ReturnToApplicant));
        State = ExpenseState.Returned;
    }

    /// <summary>财务审批 and 付款: the amount is always what is to be paid.</summary>
    protected void RecordPayment(Settlement payment)
    {
        Require(State == ExpenseState.FinanceReview && payment.Amount == AmountToPay, nameof(RecordPayment));
        State = ExpenseState.Paid;
        PaymentDate = payment.Date;
        PaymentMethod = payment.Method;
        PaymentAmount = payment.Amount;
        PayerId = payment.PersonId;
    }

    protected void Require(bool allowed, string transition)
    {
        if (!allowed) throw new InvalidOperationException($"{GetType().Name} {Number}: {transition} is not possible in its current state.");
    }

    /// <summary>The columns and keys both tables share.</summary>
    internal static void Configure<T>(EntityTypeBuilder<T> b) where T : ExpenseDocument
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.PaymentAmount).HasPrecision(18, 2);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.PayerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ApplicantId, e.State });
        b.HasIndex(e => new { e.PersonId, e.DocumentDate });
        b.HasIndex(e => new { e.DepartmentId, e.DocumentDate });
        b.HasIndex(e => new { e.State, e.DocumentDate });
    }
}

/// <summary>The resource keys and API names of the states.</summary>
public static class ExpenseLabels
{
    public static string State(ExpenseState state) => state switch
    {
        ExpenseState.Draft => "草稿",
        ExpenseState.Returned => "已退回",
        ExpenseState.SupervisorReview => "待上级审批",
        ExpenseState.FinanceReview => "待财务审批",
        ExpenseState.Paid => "已付款",
        ExpenseState.Rejected => "已驳回",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Api(ExpenseState state) => state switch
    {
        ExpenseState.Draft => "draft",
        ExpenseState.Returned => "returned",
        ExpenseState.SupervisorReview => "supervisorReview",
        ExpenseState.FinanceReview => "financeReview",
        ExpenseState.Paid => "paid",
        ExpenseState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ExpenseState? Parse(string? text) =>
        Enum.GetValues<ExpenseState>().Cast<ExpenseState?>()
            .FirstOrDefault(s => string.Equals(Api(s!.Value), text, StringComparison.OrdinalIgnoreCase));
}
