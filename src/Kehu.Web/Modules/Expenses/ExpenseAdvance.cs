using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Expenses;

/// <summary>
/// 费用借支单: money advanced to the 借款人. Once paid it is open (未结) until claims offset it
/// (冲抵) and repayments (还款) bring <see cref="Open"/> to 0: then it is settled (已结清).
/// <see cref="Open"/> follows from the amounts; <see cref="IsOpen"/> is stored so the open advances are
/// one index away.
/// </summary>
public sealed class ExpenseAdvance : ExpenseDocument
{
    public const string DocumentType = "expense-advance";

    /// <summary>借款金额.</summary>
    public decimal Amount { get; private set; }
    /// <summary>借款事由.</summary>
    public string Reason { get; private set; } = "";
    /// <summary>预计还款日期.</summary>
    public DateOnly? ExpectedRepaymentDate { get; private set; }
    /// <summary>已冲抵: by paid claims.</summary>
    public decimal Offset { get; private set; }
    /// <summary>已还款.</summary>
    public decimal Repaid { get; private set; }
    /// <summary>未结金额 (0 until paid).</summary>
    public decimal Open => State == ExpenseState.Paid ? Amount - Offset - Repaid : 0m;
    public bool IsOpen { get; private set; }

    public bool IsSettled => State == ExpenseState.Paid && !IsOpen;

    public override decimal AmountToPay => Amount;

    private ExpenseAdvance() { }

    public ExpenseAdvance(string number, long applicantId, ExpenseAdvanceDetails details) : base(number, applicantId) => Edit(details);

    public void Edit(ExpenseAdvanceDetails d)
    {
        if (d.Amount <= 0) throw new ArgumentOutOfRangeException(nameof(d), d.Amount, "An advance is positive.");
        if (d.ExpectedRepaymentDate < d.AdvanceDate) throw new ArgumentOutOfRangeException(nameof(d), "Repayment is expected after the advance.");
        SetHeader(d.AdvanceDate, d.BorrowerId, d.DepartmentId);
        Amount = d.Amount;
        Reason = d.Reason.Trim();
        ExpectedRepaymentDate = d.ExpectedRepaymentDate;
    }

    public void Pay(Settlement payment)
    {
        RecordPayment(payment);
        IsOpen = Open > 0;
    }

    /// <summary>冲抵: a paid claim takes part of what is open.</summary>
    public void OffsetBy(decimal amount)
    {
        Require(IsOpen && amount > 0 && amount <= Open, nameof(OffsetBy));
        Offset += amount;
        IsOpen = Open > 0;
    }

    /// <summary>还款: money brought back.</summary>
    public void Repay(decimal amount)
    {
        Require(IsOpen && amount > 0 && amount <= Open, nameof(Repay));
        Repaid += amount;
        IsOpen = Open > 0;
    }
}

public sealed record ExpenseAdvanceDetails(DateOnly AdvanceDate, long BorrowerId, long? DepartmentId, decimal Amount, string Reason, DateOnly? ExpectedRepaymentDate);

public enum AdvanceSettlementKind
{
    /// <summary>冲抵: a claim's offset, when the claim was paid.</summary>
    Offset = 1,
    /// <summary>还款.</summary>
    Repayment = 2,
}

/// <summary>One settlement of an advance: a claim's offset or a repayment. Never changed afterwards.</summary>
public sealed class AdvanceSettlement
{
    public long Id { get; private set; }
    public long AdvanceId { get; private set; }
    public AdvanceSettlementKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly Date { get; private set; }
    /// <summary>The claim that offset it, for an offset.</summary>
    public long? ClaimId { get; private set; }
    public string? Note { get; private set; }
    public long RecordedById { get; private set; }
    public DateTime RecordedAt { get; private set; }

    private AdvanceSettlement() { }

    public AdvanceSettlement(ExpenseAdvance advance, AdvanceSettlementKind kind, decimal amount, DateOnly date, long? claimId, string? note, long userId, DateTime now)
    {
        AdvanceId = advance.Id;
        Kind = kind;
        Amount = amount;
        Date = date;
        ClaimId = claimId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RecordedById = userId;
        RecordedAt = now;
    }
}

internal sealed class ExpenseAdvanceConfiguration : IEntityTypeConfiguration<ExpenseAdvance>, IEntityTypeConfiguration<AdvanceSettlement>
{
    public void Configure(EntityTypeBuilder<ExpenseAdvance> b)
    {
        b.ToTable("expense_advances");
        ExpenseDocument.Configure(b);
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.Property(e => e.Offset).HasPrecision(18, 2);
        b.Property(e => e.Repaid).HasPrecision(18, 2);
        b.Ignore(e => e.Open);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Ignore(e => e.IsSettled);
        b.Ignore(e => e.AmountToPay);
        b.HasIndex(e => new { e.IsOpen, e.PersonId });
    }

    public void Configure(EntityTypeBuilder<AdvanceSettlement> b)
    {
        b.ToTable("expense_advance_settlements");
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.Property(e => e.Note).HasMaxLength(500);
        b.HasOne<ExpenseAdvance>().WithMany().HasForeignKey(e => e.AdvanceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ExpenseClaim>().WithMany().HasForeignKey(e => e.ClaimId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.AdvanceId, e.Id });
    }
}
