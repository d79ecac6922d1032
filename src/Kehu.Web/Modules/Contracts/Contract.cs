using System.Linq.Expressions;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Contracts;

public enum ContractState
{
    /// <summary>草稿: being filled by its 业务员, not yet submitted.</summary>
    Draft = 1,
    /// <summary>待审批: waiting for the author's 上级.</summary>
    Review = 2,
    /// <summary>未通过: the 上级 did not agree; back with the author for edits and a new submission.</summary>
    Returned = 3,
    /// <summary>已生效: approved.</summary>
    Approved = 4,
}

/// <summary>合同类型 (SPEC §3.6): a fixed list, so the related orders can follow it.</summary>
public enum ContractKind
{
    Sales = 1,
    Purchase = 2,
    Other = 3,
}

/// <summary>
/// 合同信息: a contract with one company, filled by its 业务员 and approved by their 上级
/// (<see cref="ContractWorkflow"/>). Related orders are <see cref="ContractOrder"/> rows.
/// </summary>
public sealed class Contract : AuditedEntity, IHasChangeHistory
{
    public const string DocumentType = "contract";
    public const int MaxTitle = 200;
    public const int MaxSignatory = 50;
    public const int MaxTerms = 4000;

    private readonly List<ContractOrder> orders = [];

    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public ContractKind Kind { get; private set; }
    public long CompanyId { get; private set; }
    public DateOnly? SignedOn { get; private set; }
    public DateOnly? StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public decimal? Amount { get; private set; }
    /// <summary>我方签约人.</summary>
    public string? OurSignatory { get; private set; }
    /// <summary>对方签约人.</summary>
    public string? TheirSignatory { get; private set; }
    /// <summary>合同内容.</summary>
    public string? Terms { get; private set; }
    /// <summary>业务员: who filled it and submits it; their 上级 approves.</summary>
    public long OwnerId { get; private set; }
    public ContractState State { get; private set; }
    public long? ApproverId { get; private set; }
    public string? ApprovalOpinion { get; private set; }
    public DateOnly? ApprovedOn { get; private set; }
    public IReadOnlyList<ContractOrder> Orders => orders;

    private Contract() { }

    public Contract(string number, long ownerId, ContractDetails details)
    {
        Number = number;
        OwnerId = ownerId;
        State = ContractState.Draft;
        Apply(details);
    }

    /// <summary>Draft or returned: its author may still change it.</summary>
    public bool IsEditable => State is ContractState.Draft or ContractState.Returned;

    public void Edit(ContractDetails details)
    {
        Require(IsEditable, nameof(Edit));
        Apply(details);
    }

    public void Submit()
    {
        Require(IsEditable, nameof(Submit));
        State = ContractState.Review;
    }

    /// <summary>同意: the contract takes effect.</summary>
    public void Approve(long approverId, string? opinion, DateOnly on)
    {
        Require(State == ContractState.Review, nameof(Approve));
        Decide(approverId, opinion, on);
        State = ContractState.Approved;
    }

    /// <summary>不同意: back to the author, who may edit and submit it again.</summary>
    public void Reject(long approverId, string opinion, DateOnly on)
    {
        Require(State == ContractState.Review, nameof(Reject));
        Decide(approverId, opinion, on);
        State = ContractState.Returned;
    }

    /// <summary>Contracts in effect whose 结束日期 falls between <paramref name="today"/> and <paramref name="until"/>
    /// (the list's filter and the workbench's reminder alike).</summary>
    public static Expression<Func<Contract, bool>> EndingBetween(DateOnly today, DateOnly until) =>
        c => c.State == ContractState.Approved && c.EndsOn >= today && c.EndsOn <= until;

    private void Decide(long approverId, string? opinion, DateOnly on)
    {
        ApproverId = approverId;
        ApprovalOpinion = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        ApprovedOn = on;
    }

    private void Apply(ContractDetails d)
    {
        Title = d.Title.Trim();
        Kind = d.Kind;
        CompanyId = d.CompanyId;
        SignedOn = d.SignedOn;
        StartsOn = d.StartsOn;
        EndsOn = d.EndsOn;
        Amount = d.Amount;
        OurSignatory = Clean(d.OurSignatory);
        TheirSignatory = Clean(d.TheirSignatory);
        Terms = Clean(d.Terms);
        orders.RemoveAll(o => !d.Orders.Any(x => x.Type == o.OrderType && x.Id == o.OrderId));
        foreach (var order in d.Orders.Where(x => !orders.Any(o => x.Type == o.OrderType && x.Id == o.OrderId))) orders.Add(new ContractOrder(order));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // The workflow engine only calls a transition at the step it belongs to, so a wrong one is a bug.
    private void Require(bool allowed, string transition)
    {
        if (!allowed) throw new InvalidOperationException($"Contract {Number}: {transition} is not possible in its current state.");
    }
}

/// <summary>What the author fills. The checks that need the database (the company, the orders) are
/// done by <see cref="SaveContract"/>.</summary>
public sealed record ContractDetails(string Title, ContractKind Kind, long CompanyId, DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn,
    decimal? Amount, string? OurSignatory, string? TheirSignatory, string? Terms, IReadOnlyList<OrderRef> Orders);

/// <summary>An order named by its document type (<c>sales-order</c>, <c>purchase-order</c>), id and 单据号.</summary>
public sealed record OrderRef(string Type, long Id, string Number);

/// <summary>A 采购单 or 销售单 the contract covers. Linking and unlinking show in the contract's history.</summary>
public sealed class ContractOrder : IPartOfHistory
{
    public long ContractId { get; private set; }
    public string OrderType { get; private set; } = "";
    public long OrderId { get; private set; }
    /// <summary>The order's 单据号 when it was linked, for the history.</summary>
    public string OrderNumber { get; private set; } = "";

    private ContractOrder() { }

    internal ContractOrder(OrderRef order)
    {
        OrderType = order.Type;
        OrderId = order.Id;
        OrderNumber = order.Number;
    }

    string IPartOfHistory.HistoryEntityType => nameof(Contract);
    long IPartOfHistory.HistoryEntityId => ContractId;
    string IPartOfHistory.HistoryField => "Orders";
    string IPartOfHistory.HistoryValue => OrderNumber;
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>, IEntityTypeConfiguration<ContractOrder>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Title).HasMaxLength(Contract.MaxTitle);
        b.Property(e => e.OurSignatory).HasMaxLength(Contract.MaxSignatory);
        b.Property(e => e.TheirSignatory).HasMaxLength(Contract.MaxSignatory);
        b.Property(e => e.Terms).HasMaxLength(Contract.MaxTerms);
        b.Property(e => e.ApprovalOpinion).HasMaxLength(500);
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ApproverId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Orders).WithOne().HasForeignKey(o => o.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Orders).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(e => new { e.CompanyId, e.Id });
        b.HasIndex(e => new { e.OwnerId, e.Id });
        b.HasIndex(e => new { e.State, e.EndsOn });
    }

    public void Configure(EntityTypeBuilder<ContractOrder> b)
    {
        b.ToTable("contract_orders");
        b.HasKey(e => new { e.ContractId, e.OrderType, e.OrderId });
        b.Property(e => e.OrderType).HasMaxLength(40);
        b.Property(e => e.OrderNumber).HasMaxLength(40);
        b.HasIndex(e => new { e.OrderType, e.OrderId });
    }
}
