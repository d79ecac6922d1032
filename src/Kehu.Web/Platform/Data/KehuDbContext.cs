using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Data;

/// <summary>The one context for every module. Each module keeps its entity configurations
/// next to its entities; they are picked up from this assembly.</summary>
public class KehuDbContext(DbContextOptions<KehuDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Whose work this context saves (the audit's user). Set each time the pool leases it
    /// to a scope; null outside one (tools, tests building a context by hand).</summary>
    public ICurrentUserAccessor? Actor { get; set; }

    public DbSet<User> Users => Set<User>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<OptionItem> OptionItems => Set<OptionItem>();
    public DbSet<NumberingPattern> NumberingPatterns => Set<NumberingPattern>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyNameGram> CompanyNameGrams => Set<CompanyNameGram>();
    public DbSet<CompanyShare> CompanyShares => Set<CompanyShare>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactSearchGram> ContactSearchGrams => Set<ContactSearchGram>();
    public DbSet<ContactRecord> ContactRecords => Set<ContactRecord>();
    public DbSet<Modules.Service.Complaint> Complaints => Set<Modules.Service.Complaint>();
    public DbSet<Modules.Service.ServiceTicket> ServiceTickets => Set<Modules.Service.ServiceTicket>();
    public DbSet<Modules.Workflow.WorkflowInstance> WorkflowInstances => Set<Modules.Workflow.WorkflowInstance>();
    public DbSet<Modules.Workflow.WorkflowTask> WorkflowTasks => Set<Modules.Workflow.WorkflowTask>();
    public DbSet<Modules.Workflow.WorkflowHistoryEntry> WorkflowHistory => Set<Modules.Workflow.WorkflowHistoryEntry>();
    public DbSet<Modules.Workflow.Outbox.OutboxMessage> OutboxMessages => Set<Modules.Workflow.Outbox.OutboxMessage>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductNameGram> ProductNameGrams => Set<ProductNameGram>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<InventorySettings> InventorySettings => Set<InventorySettings>();
    public DbSet<StockMove> StockMoves => Set<StockMove>();
    public DbSet<StockBalance> StockBalances => Set<StockBalance>();
    public DbSet<StockValuation> StockValuations => Set<StockValuation>();
    public DbSet<StockMonthSum> StockMonthSums => Set<StockMonthSum>();
    public DbSet<OpeningStock> OpeningStocks => Set<OpeningStock>();
    public DbSet<StockAdjustment> StockAdjustments => Set<StockAdjustment>();
    public DbSet<PurchaseOrder> PurchaseOrders => Set<PurchaseOrder>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<SalesOrder> SalesOrders => Set<SalesOrder>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<SalesMonthSum> SalesMonthSums => Set<SalesMonthSum>();
    public DbSet<SalesDaySum> SalesDaySums => Set<SalesDaySum>();
    public DbSet<Modules.Contracts.Contract> Contracts => Set<Modules.Contracts.Contract>();
    public DbSet<Modules.Documents.Document> Documents => Set<Modules.Documents.Document>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KehuDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(SqliteFunctions).GetMethod(nameof(SqliteFunctions.Date))!).HasName("date").IsBuiltIn();
        modelBuilder.HasDbFunction(typeof(SqliteFunctions).GetMethod(nameof(SqliteFunctions.JulianDay))!).HasName("julianday").IsBuiltIn();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC; reading them back marks them so.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
