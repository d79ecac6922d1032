using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>付款单: money paid to a supplier against a 采购单, recorded by the finance manager at
/// the order's payment step. Never changed afterwards.</summary>
public sealed class Payment : AuditedEntity
{
    public const string DocumentType = "payment";

    public string Number { get; private set; } = "";
    public long PurchaseOrderId { get; private set; }
    public long SupplierId { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentMethod Method { get; private set; }
    public DateOnly PaidOn { get; private set; }
    /// <summary>付款人.</summary>
    public long PayerId { get; private set; }

    private Payment() { }

    public Payment(string number, PurchaseOrder order, decimal amount, PaymentMethod method, DateOnly paidOn, long payerId)
    {
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A payment is positive.");
        Number = number;
        PurchaseOrderId = order.Id;
        SupplierId = order.SupplierId;
        Amount = amount;
        Method = method;
        PaidOn = paidOn;
        PayerId = payerId;
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Number).HasMaxLength(40);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.Amount).HasPrecision(18, 2);
        b.HasOne<PurchaseOrder>().WithMany().HasForeignKey(e => e.PurchaseOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(e => e.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.PayerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.PurchaseOrderId, e.Id });
        b.HasIndex(e => new { e.SupplierId, e.PaidOn });
        b.HasIndex(e => new { e.PaidOn, e.Id });
    }
}
