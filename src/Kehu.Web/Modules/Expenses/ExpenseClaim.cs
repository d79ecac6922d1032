using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Money;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Expenses;

/// <summary>
/// 费用报销单: expenses the 报销人 paid and claims back, line by line, optionally for a company and
/// optionally offset against one of the 报销人's open advances (冲抵借支). Finance pays 实付金额 =
/// 合计 − 冲抵金额; the offset reaches the advance only then (<see cref="ExpenseClaimWorkflow"/>).
/// </summary>
public sealed class ExpenseClaim : ExpenseDocument
{
    public const string DocumentType = "expense-claim";

    private readonly List<ExpenseClaimLine> lines = [];

    public long? CompanyId { get; private set; }
    public string? Notes { get; private set; }
    /// <summary>合计.</summary>
    public decimal Total { get; private set; }
    /// <summary>冲抵借支: the advance offset, with <see cref="OffsetAmount"/> &gt; 0.</summary>
    public long? AdvanceId { get; private set; }
    public decimal OffsetAmount { get; private set; }
    public IReadOnlyList<ExpenseClaimLine> Lines => lines;

    /// <summary>实付金额.</summary>
    public decimal Payable => Total - OffsetAmount;

    public override decimal AmountToPay => Payable;

    private ExpenseClaim() { }

    public ExpenseClaim(string number, long applicantId, ExpenseClaimDetails details) : base(number, applicantId) => Edit(details);

    public void Edit(ExpenseClaimDetails d)
    {
        if (d.Lines.Count == 0) throw new ArgumentException("A claim has lines.", nameof(d));
        var total = LineAmount.Total(d.Lines.Select(x => x.Amount));
        if (d.AdvanceId is null != (d.OffsetAmount == 0) || d.OffsetAmount < 0 || d.OffsetAmount > total)
            throw new ArgumentOutOfRangeException(nameof(d), d.OffsetAmount, "An offset names its advance and is at most the total.");
        SetHeader(d.ClaimDate, d.ClaimantId, d.DepartmentId);
        CompanyId = d.CompanyId;
        Notes = string.IsNullOrWhiteSpace(d.Notes) ? null : d.Notes.Trim();
        for (var i = 0; i < d.Lines.Count; i++)
        {
            if (i < lines.Count) lines[i].Change(d.Lines[i]);
            else lines.Add(new ExpenseClaimLine(i + 1, d.Lines[i]));
        }
        if (lines.Count > d.Lines.Count) lines.RemoveRange(d.Lines.Count, lines.Count - d.Lines.Count);
        Total = total;
        AdvanceId = d.AdvanceId;
        OffsetAmount = d.OffsetAmount;
    }

    public void Pay(Settlement payment) => RecordPayment(payment);
}

public sealed record ExpenseClaimDetails(DateOnly ClaimDate, long ClaimantId, long? DepartmentId, long? CompanyId, string? Notes,
    IReadOnlyList<ExpenseLineDetails> Lines, long? AdvanceId, decimal OffsetAmount);

public sealed record ExpenseLineDetails(long ExpenseTypeId, decimal Amount, string? Description, int Receipts);

/// <summary>A line of a claim: 费用类型, 金额 (&gt; 0), 说明, 票据张数 (≥ 0).</summary>
public sealed class ExpenseClaimLine
{
    public long Id { get; private set; }
    public long ClaimId { get; private set; }
    public int LineNo { get; private set; }
    public long ExpenseTypeId { get; private set; }
    public decimal Amount { get; private set; }
    public string? Description { get; private set; }
    public int Receipts { get; private set; }

    private ExpenseClaimLine() { }

    internal ExpenseClaimLine(int lineNo, ExpenseLineDetails d)
    {
        LineNo = lineNo;
        Change(d);
    }

    internal void Change(ExpenseLineDetails d)
    {
        if (d.Amount <= 0 || d.Receipts < 0) throw new ArgumentOutOfRangeException(nameof(d), "A line has a positive amount and no negative receipts.");
        ExpenseTypeId = d.ExpenseTypeId;
        Amount = d.Amount;
        Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim();
        Receipts = d.Receipts;
    }
}

internal sealed class ExpenseClaimConfiguration : IEntityTypeConfiguration<ExpenseClaim>, IEntityTypeConfiguration<ExpenseClaimLine>
{
    public void Configure(EntityTypeBuilder<ExpenseClaim> b)
    {
        b.ToTable("expense_claims");
        ExpenseDocument.Configure(b);
        b.Property(e => e.Notes).HasMaxLength(500);
        b.Property(e => e.Total).HasPrecision(18, 2);
        b.Property(e => e.OffsetAmount).HasPrecision(18, 2);
        b.Ignore(e => e.Payable);
        b.Ignore(e => e.AmountToPay);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ExpenseAdvance>().WithMany().HasForeignKey(e => e.AdvanceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.AdvanceId);
        b.HasIndex(e => e.CompanyId);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<ExpenseClaimLine> b)
    {
        b.ToTable("expense_claim_lines");
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.Property(e => e.Description).HasMaxLength(200);
        b.HasIndex(e => new { e.ClaimId, e.LineNo }).IsUnique();
        b.HasOne<OptionItem>().WithMany().HasForeignKey(e => e.ExpenseTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.ExpenseTypeId);
    }
}
