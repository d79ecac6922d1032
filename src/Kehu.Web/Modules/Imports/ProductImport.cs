using System.Text.Json;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Products.Pages.Categories;
using Kehu.Web.Modules.Products.Pages.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>商品资料 from a file: a row matching a product (by 商品编码, else by normalised 商品名称)
/// updates it, any other row creates one; the rules are the product form's
/// (<see cref="SaveProduct.ValidateAsync"/>). 供应商 finds a company the importer may see by its
/// normalised name. A 商品大类 or 商品小类 named in the file that does not exist yet is created when
/// the row is written, once per name, and removed again by the undo when no product uses it.</summary>
public sealed class ProductImport(IServiceScopeFactory scopes, IStringLocalizer<SharedResource> localizer) : IImportKind
{
    public string Name => "products";
    public string Title => "商品资料";
    public string ListUrl => "/products";

    /// <summary>Import fields by the API's field names (what a validation error names).</summary>
    private static readonly Dictionary<string, string> ImportKeys = new(StringComparer.Ordinal)
    {
        ["name"] = "name", ["supplierId"] = "supplier", ["barcode"] = "barcode", ["categoryId"] = "category",
        ["subCategoryId"] = "subCategory", ["specification"] = "specification", ["unitId"] = "unit",
        ["purchasePrice"] = "purchasePrice", ["salePrice"] = "salePrice", ["minimumStock"] = "minimumStock", ["notes"] = "notes",
    };

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("code", "商品编码", Aliases: ["商品编号"]),
        new("name", "商品名称", Required: true),
        new("supplier", "供应商"),
        new("barcode", "条形码"),
        new("category", "商品大类"),
        new("subCategory", "商品小类"),
        new("specification", "规格型号", Aliases: ["规格"]),
        new("unit", "单位", Aliases: ["计量单位"]),
        new("purchasePrice", "进价"),
        new("salePrice", "售价", Aliases: ["销售价"]),
        new("minimumStock", "库存下限"),
        new("status", "状态"),
        new("notes", "备注"),
    ];

    public IReadOnlyDictionary<string, object> Example { get; } = new Dictionary<string, object>
    {
        ["name"] = "A4 复印纸",
        ["supplier"] = "上海示例纸业有限公司",
        ["category"] = "办公用品",
        ["subCategory"] = "纸张",
        ["specification"] = "70g 500张/包",
        ["unit"] = "包",
        ["purchasePrice"] = 18.5m,
        ["salePrice"] = 25m,
        ["status"] = "启用",
    };

    /// <summary>Whoever may create products through the form (<see cref="ProductsModule.ManagePolicy"/>).</summary>
    public async Task<Error?> RefusalAsync(long userId, CancellationToken ct) =>
        await ImportLookups.HasAnyRoleAsync(scopes, userId, ProductsModule.ManagerRoles, ct) ? null : Error.Forbidden(localizer[ProductsModule.ManagersOnlyMessage]);

    public async Task<IImportSession> StartAsync(IServiceProvider services, long userId, CancellationToken ct)
    {
        var scope = await services.GetRequiredService<DataScopeProvider>().ForAsync(userId, ct);
        return new Session(this, services.GetRequiredService<KehuDbContext>(), scope, userId, services.GetRequiredService<SaveProduct>(),
            services.GetRequiredService<SaveCategory>(), services.GetRequiredService<ProductCategories>(), services.GetRequiredService<CustomerLookups>(),
            services.GetRequiredService<NumberingService>(), services.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    /// <summary>A checked row: the product to update (or none), its details, and the categories to
    /// create first (their ids then go into the details).</summary>
    private sealed record Plan(long? ExistingId, ProductDetails Details, string? NewCategory, string? NewSubCategory);

    private sealed class Session(
        ProductImport kind, KehuDbContext db, DataScope scope, long userId, SaveProduct save, SaveCategory saveCategory,
        ProductCategories categories, CustomerLookups lookups, NumberingService numbering, IStringLocalizer l) : IImportSession
    {
        private const int MaxCategoryName = 100;

        /// <summary>Codes (or, without a code, normalised names) seen in the file so far, with their row.</summary>
        private readonly SeenKeys seen = new();

        /// <summary>Categories this session created: (parent, normalised name) → id.</summary>
        private readonly Dictionary<(long? Parent, string Name), long> created = [];

        /// <summary>Barcodes of the file so far, with their row: unique, like codes, but only the
        /// database's unique index would otherwise see two new products share one.</summary>
        private readonly Dictionary<string, int> barcodes = new(StringComparer.Ordinal);

        public void Remember(ImportRow row)
        {
            if (Key(row) is { } key) seen.Remember(key, row.Number);
            if (row.Text("barcode") is { } barcode) barcodes.TryAdd(Barcode.Normalize(barcode), row.Number);
        }

        /// <summary>Product names need not be unique, so a code identifies a row when there is one.</summary>
        private static string? Key(ImportRow row) => row.Text("code") is { } code
            ? "#" + code.ToUpperInvariant()
            : NameNormalizer.Normalize(row.Text("name")) is { Length: > 0 } name ? name : null;

        public async Task<IReadOnlyList<RowOutcome>> CheckAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
        {
            var names = rows.Select(r => NameNormalizer.Normalize(r.Text("name"))).Where(n => n.Length > 0).Distinct().ToList();
            var codes = rows.Select(r => r.Text("code")).OfType<string>().SelectMany(c => new[] { c, c.ToUpperInvariant() }).Distinct().ToList();
            var existing = await db.Products.AsNoTracking().Where(p => names.Contains(p.NormalizedName) || codes.Contains(p.Code)).ToListAsync(ct);
            var byCode = existing.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
            var byName = existing.ToLookup(p => p.NormalizedName, StringComparer.Ordinal);
            var suppliers = await ImportLookups.VisibleCompaniesAsync(db, scope, rows, "supplier", ct);
            var tree = await db.ProductCategories.AsNoTracking().ToListAsync(ct);
            var outcomes = new List<RowOutcome>(rows.Count);
            foreach (var row in rows)
            {
                outcomes.Add(await CheckRowAsync(row, byCode, byName, suppliers, tree, ct));
                Remember(row);
            }
            return outcomes;
        }

        private async Task<RowOutcome> CheckRowAsync(ImportRow row, Dictionary<string, Product> byCode, ILookup<string, Product> byName,
            Dictionary<string, long> suppliers, List<ProductCategory> tree, CancellationToken ct)
        {
            var problems = new RowProblems(row.Number, kind.Fields, l);
            if (Key(row) is { } key && seen.TryGetFirst(key, out var first))
            {
                problems.Add(key.StartsWith('#') ? "code" : "name", l["与第 {0} 行重复", first]);
                return problems.Bad();
            }

            Product? match = null;
            var name = row.Text("name");
            if (row.Text("code") is { } code)
            {
                if (!byCode.TryGetValue(code, out match))
                {
                    problems.Add("code", l["商品编码 {0} 不存在", code]);
                    return problems.Bad();
                }
            }
            else if (byName[NameNormalizer.Normalize(name)].ToList() is { Count: > 0 } named)
            {
                if (named.Count > 1)
                {
                    problems.Add("name", l["有 {0} 个商品名为“{1}”，请填写商品编码", named.Count, name!]);
                    return problems.Bad();
                }
                match = named[0];
            }

            var input = match is null ? new ProductInput() : ProductInput.From(match);
            if (row.Cells.ContainsKey("name")) input.Name = name;
            if (row.Text("supplier") is { } supplier)
            {
                if (suppliers.TryGetValue(NameNormalizer.Normalize(supplier), out var supplierId)) input.SupplierId = supplierId;
                else problems.Add("supplier", l["{0}“{1}”不存在或无权访问", problems.Label("supplier"), supplier]);
            }
            else if (row.Cells.ContainsKey("supplier")) input.SupplierId = null;
            if (row.Cells.ContainsKey("barcode")) input.Barcode = row.Text("barcode");
            var (newCategory, newSub) = Categories(row, input, tree, problems);
            if (row.Cells.ContainsKey("specification")) input.Specification = row.Text("specification");
            if (row.Cells.ContainsKey("unit"))
            {
                input.UnitId = null;
                if (row.Text("unit") is { } unit)
                {
                    var option = await ImportLookups.OptionAsync(lookups, OptionLists.Unit, unit, ct);
                    if (option is null) problems.Add("unit", l["{0}的取值“{1}”不存在", problems.Label("unit"), unit]);
                    input.UnitId = option?.Id;
                }
            }
            if (row.Cells.ContainsKey("purchasePrice")) input.PurchasePrice = problems.Number(row, "purchasePrice");
            if (row.Cells.ContainsKey("salePrice")) input.SalePrice = problems.Number(row, "salePrice");
            if (row.Cells.ContainsKey("minimumStock")) input.MinimumStock = problems.Number(row, "minimumStock");
            if (row.Text("status") is { } status) input.IsActive = Active(status, problems);
            if (row.Cells.ContainsKey("notes")) input.Notes = row.Text("notes");
            if (problems.Items.Count > 0) return problems.Bad();

            var checkedInput = await save.ValidateAsync(userId, input, match, ct);
            if (!checkedInput.IsSuccess)
            {
                problems.Add(checkedInput.Error!, ImportKeys, "name");
                return problems.Bad();
            }
            var details = checkedInput.Value;
            if (details.Barcode is { } barcodeText && barcodes.TryGetValue(barcodeText, out var earlier) && earlier != row.Number)
            {
                problems.Add("barcode", l["与第 {0} 行重复", earlier]);
                return problems.Bad();
            }
            if (match is not null && newCategory is null && newSub is null && Same(details, match))
                return new RowOutcome(row.Number, RowAction.Skip, []);
            return new RowOutcome(row.Number, match is null ? RowAction.Create : RowAction.Update, [], new Plan(match?.Id, details, newCategory, newSub));
        }

        /// <summary>Sets the input's 大类 and 小类 from the row (an unmapped column keeps the product's)
        /// and names those that do not exist yet, to be created. A 小类 needs its 大类.</summary>
        private (string? Category, string? Sub) Categories(ImportRow row, ProductInput input, List<ProductCategory> tree, RowProblems problems)
        {
            string? newCategory = null, newSub = null;
            if (row.Cells.ContainsKey("category"))
            {
                input.CategoryId = null;
                if (row.Text("category") is { } text)
                {
                    var normalized = NameNormalizer.Normalize(text);
                    if (tree.FirstOrDefault(c => c.ParentId is null && NameNormalizer.Normalize(c.Name) == normalized) is { } top) input.CategoryId = top.Id;
                    else if (text.Length > MaxCategoryName) problems.Add("category", l["{0}不能超过 {1} 个字符", problems.Label("category"), MaxCategoryName]);
                    else newCategory = text;
                }
                if (!row.Cells.ContainsKey("subCategory") && tree.FirstOrDefault(c => c.Id == input.SubCategoryId)?.ParentId != input.CategoryId)
                    input.SubCategoryId = null;
            }
            if (row.Cells.ContainsKey("subCategory"))
            {
                input.SubCategoryId = null;
                if (row.Text("subCategory") is { } text)
                {
                    var normalized = NameNormalizer.Normalize(text);
                    if (input.CategoryId is null && newCategory is null) problems.Add("subCategory", l["填写商品小类时请同时填写商品大类"]);
                    else if (input.CategoryId is { } parent && tree.FirstOrDefault(c => c.ParentId == parent && NameNormalizer.Normalize(c.Name) == normalized) is { } sub)
                        input.SubCategoryId = sub.Id;
                    else if (text.Length > MaxCategoryName) problems.Add("subCategory", l["{0}不能超过 {1} 个字符", problems.Label("subCategory"), MaxCategoryName]);
                    else newSub = text;
                }
            }
            return (newCategory, newSub);
        }

        private bool? Active(string text, RowProblems problems)
        {
            switch (text.ToLowerInvariant())
            {
                case "启用" or "是" or "true" or "1" or "yes" or "active":
                    return true;
                case "停用" or "否" or "false" or "0" or "no" or "inactive":
                    return false;
                default:
                    problems.Add("status", l["{0}的取值“{1}”无效", problems.Label("status"), text]);
                    return null;
            }
        }

        /// <summary>Whether saving <paramref name="details"/> would change nothing (compared as the
        /// product would keep them, trimmed and cleaned).</summary>
        private static bool Same(ProductDetails details, Product product) => DetailsOf(new Product(product.Code, details)) == DetailsOf(product);

        private static ProductDetails DetailsOf(Product p) => new(p.Name, p.SupplierId, p.Barcode, p.CategoryId, p.SubCategoryId, p.Specification,
            p.UnitId, p.PurchasePrice, p.SalePrice, p.MinimumStock, p.IsActive, p.Notes);

        public async Task<IReadOnlyList<ImportedRow>> WriteAsync(long jobId, IReadOnlyList<RowOutcome> rows, CancellationToken ct)
        {
            var journal = new List<ImportedRow>();
            var plans = new List<(int Row, Plan Plan)>(rows.Count);
            foreach (var r in rows)
            {
                var plan = (Plan)r.Plan!;
                var details = plan.Details;
                if (plan.NewCategory is { } category)
                    details = details with { CategoryId = await CategoryAsync(jobId, r.Row, null, category, journal, ct) };
                if (plan.NewSubCategory is { } sub)
                    details = details with { SubCategoryId = await CategoryAsync(jobId, r.Row, details.CategoryId, sub, journal, ct) };
                plans.Add((r.Row, plan with { Details = details }));
            }
            if (journal.Count > 0) categories.Forget();

            var creates = plans.Where(p => p.Plan.ExistingId is null).ToList();
            var codes = await numbering.NextManyAsync("product", creates.Count, ct);
            var added = creates.Select((p, i) => (p.Row, Product: new Product(codes[i], p.Plan.Details))).ToList();
            db.Products.AddRange(added.Select(a => a.Product));

            var ids = plans.Where(p => p.Plan.ExistingId is not null).Select(p => p.Plan.ExistingId!.Value).ToList();
            var tracked = await db.Products.Include(p => p.NameGrams).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var previous = new List<(int Row, Product Product, string Json)>(ids.Count);
            foreach (var (row, plan) in plans.Where(p => p.Plan.ExistingId is not null))
            {
                var product = tracked[plan.ExistingId!.Value];
                previous.Add((row, product, JsonSerializer.Serialize(DetailsOf(product))));
                product.Apply(plan.Details);
            }
            await db.SaveChangesAsync(ct);
            return
            [
                .. journal,
                .. added.Select(a => new ImportedRow(jobId, a.Row, nameof(Product), a.Product.Id, ImportedAction.Created, null, a.Product.Version)),
                .. previous.Select(p => new ImportedRow(jobId, p.Row, nameof(Product), p.Product.Id, ImportedAction.Updated, p.Json, p.Product.Version)),
            ];
        }

        /// <summary>The category named under <paramref name="parentId"/>, created (through the
        /// categories' own rules) the first time the session needs it.</summary>
        private async Task<long> CategoryAsync(long jobId, int row, long? parentId, string name, List<ImportedRow> journal, CancellationToken ct)
        {
            var key = (parentId, NameNormalizer.Normalize(name));
            if (created.TryGetValue(key, out var id)) return id;
            var saved = await saveCategory.CreateAsync(new CategoryInput { ParentId = parentId, Name = name }, ct);
            if (!saved.IsSuccess)
                throw new InvalidOperationException(saved.Error!.Fields is { Count: > 0 } f ? string.Join(" ", f.Values.SelectMany(m => m)) : saved.Error.Message);
            created[key] = saved.Value.Id;
            journal.Add(new ImportedRow(jobId, row, nameof(ProductCategory), saved.Value.Id, ImportedAction.Created, null, saved.Value.Version));
            return saved.Value.Id;
        }

        public async Task<Error?> UndoAsync(IReadOnlyList<ImportedRow> journal, CancellationToken ct)
        {
            var refused = await ImportJournal.UndoEachAsync(journal.Where(j => j.EntityType == nameof(Product)),
                ids => db.Products.Include(p => p.NameGrams).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct),
                async (product, entry) =>
                {
                    if (product.Version != entry.VersionAfter)
                        return Error.Conflict(l["商品 {0}（{1}）在导入后已被修改，不能撤销这次导入", product.Name, product.Code]);
                    if (entry.Action == ImportedAction.Updated)
                    {
                        var previous = JsonSerializer.Deserialize<ProductDetails>(entry.PreviousJson!)!;
                        // The barcode the import replaced may since have gone to another product.
                        if (previous.Barcode is { } barcode && barcode != product.Barcode
                            && await db.Products.AsNoTracking().Where(p => p.Barcode == barcode && p.Id != product.Id).Select(p => new { p.Name, p.Code }).FirstOrDefaultAsync(ct) is { } holder)
                            return Error.Conflict(l["商品 {0}（{1}）原来的条形码 {2} 已被商品 {3}（{4}）使用，不能撤销这次导入", product.Name, product.Code, barcode, holder.Name, holder.Code]);
                        product.Apply(previous);
                        return null;
                    }
                    if (await save.UsageAsync(product.Id, ct) is { } used)
                        return Error.Conflict(l["商品 {0}（{1}）已被 {2}使用，不能撤销这次导入", product.Name, product.Code, used]);
                    db.Products.Remove(product);
                    return null;
                });
            if (refused is not null) return refused;
            await db.SaveChangesAsync(ct);

            // 小类 before 大类, so a created 大类 whose created 小类 goes is free to go too.
            var categoryIds = journal.Where(j => j.EntityType == nameof(ProductCategory)).Select(j => j.EntityId).ToList();
            var made = await db.ProductCategories.Where(c => categoryIds.Contains(c.Id)).ToListAsync(ct);
            foreach (var level in new[] { made.Where(c => c.ParentId is not null), made.Where(c => c.ParentId is null) })
            {
                foreach (var category in level)
                {
                    var id = category.Id;
                    var used = await db.Products.AnyAsync(p => p.CategoryId == id || p.SubCategoryId == id, ct)
                        || await db.ProductCategories.AnyAsync(c => c.ParentId == id, ct);
                    if (!used) db.ProductCategories.Remove(category);
                }
                await db.SaveChangesAsync(ct);
            }
            categories.Forget();
            return null;
        }
    }
}
