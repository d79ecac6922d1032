using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Seeding;

/// <summary>
/// The demo company of SPEC §1: its nine users plus a warehouse keeper, in five departments (password <see cref="Password"/>),
/// about fifty companies with contacts and six months of contact records. Deterministic, so
/// every demo looks the same.
/// </summary>
public sealed class DemoData(KehuDbContext db, BaseData baseData, IPasswordHasher<User> hasher, NumberingService numbering, InventoryService inventory, TimeProvider clock, IServiceProvider services)
{
    public const string Password = "kehu-demo";

    public static readonly IReadOnlyList<(string Login, string Name, string Department, string Role)> Users =
    [
        ("admin", "管理员", "", RoleCodes.Administrator),
        ("xiaolin", "小林", "销售部", RoleCodes.Salesperson),
        ("zhaojingli", "赵经理", "销售部", RoleCodes.SalesManager),
        ("xiaowang", "小王", "采购部", RoleCodes.Purchaser),
        ("caijingli", "蔡经理", "采购部", RoleCodes.PurchaseManager),
        ("qianjingli", "钱经理", "财务部", RoleCodes.FinanceManager),
        ("xiaoli", "小李", "客服部", RoleCodes.CustomerService),
        ("sunjingli", "孙经理", "技术部", RoleCodes.TechnicalManager),
        ("xiaozhang", "小张", "技术部", RoleCodes.ServiceStaff),
        ("xiaozhou", "小周", "采购部", RoleCodes.WarehouseKeeper),
    ];

    private static readonly string[] Managers = ["zhaojingli", "caijingli", "qianjingli", "sunjingli"];

    private static readonly string[] NameStems =
    [
        "华东机电", "恒通机电", "新锐电子", "宏达化工", "鑫源建材", "联创软件", "金桥贸易", "东方食品",
        "海天机械", "瑞丰电器", "国泰五金", "天成科技", "顺达物流", "中兴精密", "利华包装", "永盛塑胶",
        "博远信息", "嘉禾农业", "长江机电", "明珠电子", "启航汽配", "远大重工", "安信仪表", "润达纺织",
    ];

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"];
    private static readonly string[] Titles = ["总经理", "采购经理", "技术主管", "财务", "销售总监", "工程师", "办公室主任"];
    private static readonly string[] Contents = ["电话沟通新产品报价", "上门拜访，介绍公司产品", "发送产品目录和价格表", "微信确认样品收到", "洽谈年度合作意向", "回访售后使用情况"];
    private static readonly string[] Outcomes = ["客户有兴趣，待报价", "需要进一步沟通", "已发送报价单", "客户满意", "暂无需求", "约定下次拜访"];

    public async Task SeedAsync(CancellationToken ct)
    {
        var admin = await baseData.SeedAsync(null, ct);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Code, ct);
        // The sales manager sees the whole sales department's data through the department;
        // the finance manager sees all (receivables for every customer).
        roles[RoleCodes.FinanceManager].Edit(roles[RoleCodes.FinanceManager].Name, seesAllData: true);

        var departments = Users.Select(u => u.Department).Where(d => d.Length > 0).Distinct()
            .ToDictionary(d => d, d => new Department(d));
        db.Departments.AddRange(departments.Values);
        await db.SaveChangesAsync(ct);

        var users = new Dictionary<string, User> { ["admin"] = admin };
        admin.SetPasswordHash(hasher.HashPassword(admin, Password));
        foreach (var (login, name, dept, role) in Users.Skip(1))
        {
            var user = new User(login, name, departments[dept].Id);
            user.SetPasswordHash(hasher.HashPassword(user, Password));
            user.SetRoles([roles[role].Id, roles[RoleCodes.Employee].Id]);
            users[login] = user;
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(ct);
        foreach (var login in Managers)
        {
            var manager = users[login];
            var dept = departments.Values.Single(d => d.Id == manager.DepartmentId);
            dept.Edit(dept.Name, manager.Id);
        }
        await db.SaveChangesAsync(ct);

        await SeedCustomersAsync(users, ct);
        await SeedProductsAsync(ct);
        await SeedComplaintsAsync(users, ct);
        await SeedOpeningStockAsync(users["xiaowang"].Id, ct);
        await SeedStockAdjustmentsAsync(users, ct);
        await SeedPurchaseOrdersAsync(users, ct);
        await SeedSalesOrdersAsync(users, ct);
        await SeedContractsAsync(users, ct);
        await SeedDocumentsAsync(users, ct);
        await SeedExpensesAsync(users, ct);
    }

    /// <summary>A few small files through the real upload: price lists and a contract template in
    /// the library, and attachments on 小林's first customer, his first sales order, 小王's first
    /// purchase order and 小林's framework contract.</summary>
    private async Task SeedDocumentsAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var upload = services.GetRequiredService<Modules.Documents.UploadDocument>();
        var categories = await db.OptionItems.AsNoTracking().Where(o => o.ListCode == OptionLists.DocumentCategory)
            .ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var (xiaolin, xiaowang) = (users["xiaolin"].Id, users["xiaowang"].Id);
        async Task AddAsync(long userId, string? owner, long? ownerId, string fileName, byte[] bytes, string category, string? title)
        {
            var added = await upload.HandleAsync(userId, owner, ownerId,
                new Modules.Documents.DocumentUpload(new MemoryStream(bytes), fileName, bytes.Length, categories[category], title), ct);
            if (!added.IsSuccess) throw new InvalidOperationException("Demo document: " + added.Error!.Message);
        }
        static byte[] Text(string text) => System.Text.Encoding.UTF8.GetBytes(text);

        await AddAsync(xiaolin, null, null, "2026年产品价格表.csv", Text("产品,规格,单价\n离心泵,IS50-32-125,1280.00\n密封圈,Φ50,3.50\n"), "产品资料", "全年统一价格");
        await AddAsync(users["admin"].Id, null, null, "销售合同模板.pdf", DemoPdf("Sales contract template"), "合同扫描件", "标准销售合同");
        await AddAsync(xiaowang, null, null, "供应商资质说明.txt", Text("供应商需提供营业执照、质量体系证书。\n"), "其他", null);
        var company = await db.Companies.AsNoTracking().Where(c => c.OwnerId == xiaolin).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(ct);
        await AddAsync(xiaolin, "companies", company, "营业执照扫描件.pdf", DemoPdf("Business licence"), "其他", "客户营业执照");
        await AddAsync(xiaolin, "companies", company, "报价单-第一季度.csv", Text("产品,数量,单价\n离心泵,5,1200.00\n"), "报价单", null);
        var sale = await db.SalesOrders.AsNoTracking().Where(o => o.SalespersonId == xiaolin).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
        await AddAsync(xiaolin, "sales-orders", sale, "签字合同.pdf", DemoPdf("Signed contract"), "合同扫描件", null);
        var purchase = await db.PurchaseOrders.AsNoTracking().Where(o => o.PurchaserId == xiaowang).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
        await AddAsync(xiaowang, "purchase-orders", purchase, "供应商发票.pdf", DemoPdf("Invoice"), "发票", null);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.OwnerId == xiaolin && c.State == Modules.Contracts.ContractState.Approved)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(ct);
        await AddAsync(xiaolin, "contracts", contract, "年度供货框架合同-签字版.pdf", DemoPdf("Framework supply contract, signed"), "合同扫描件", null);
    }

    /// <summary>A one-page PDF with one line of text.</summary>
    private static byte[] DemoPdf(string line)
    {
        var stream = $"BT /F1 18 Tf 72 720 Td ({line}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>Completes a demo workflow task; gives the task it created next (0 when none).</summary>
    private static async Task<long> ActOnTaskAsync(Modules.Workflow.WorkflowEngine engine, long taskId, long userId, Modules.Workflow.WorkflowAction action,
        string? opinion, (string Name, string? Value)[] fields, CancellationToken ct)
    {
        var done = await engine.CompleteAsync(taskId, userId, new Modules.Workflow.ActRequest(action, opinion, null,
            new Modules.Workflow.StepFields(fields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)))), ct);
        if (!done.IsSuccess) throw new InvalidOperationException("Demo document: " + done.Error!.Message);
        return done.Value.NewTasks.SingleOrDefault()?.Id ?? 0;
    }

    /// <summary>销售单 by 小林 through the real workflow, from stock on hand: one collected (for a
    /// customer typed in as a new name), one partly collected, one waiting for 赵经理, one returned to
    /// 小林, one rejected, and a draft.</summary>
    private async Task SeedSalesOrdersAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var save = services.GetRequiredService<Modules.Sales.SaveSalesOrder>();
        var engine = services.GetRequiredService<Modules.Workflow.WorkflowEngine>();
        var (xiaolin, zhao, qian) = (users["xiaolin"].Id, users["zhaojingli"].Id, users["qianjingli"].Id);
        var main = await db.Warehouses.AsNoTracking().SingleAsync(w => w.IsDefault, ct);
        var products = await db.StockBalances.AsNoTracking().Where(b => b.WarehouseId == main.Id && b.Quantity >= 20)
            .OrderBy(b => b.ProductId).Select(b => b.ProductId).Take(4).ToListAsync(ct);
        var customers = await db.Companies.AsNoTracking().Where(c => c.IsCustomer && c.OwnerId == xiaolin).OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        async Task<long> OrderAsync(long? customer, string? newCustomer, string notes, int daysAgo, params (int Product, decimal Quantity, decimal? Discount)[] lines)
        {
            var created = await save.CreateAsync(xiaolin, new Modules.Sales.SalesOrderInput
            {
                CustomerId = customer, CustomerName = newCustomer, OrderDate = today.AddDays(-daysAgo), Notes = notes,
                Lines = lines.Select(x => new Modules.Trade.OrderLineInput { ProductId = products[x.Product % products.Count], Quantity = x.Quantity, Discount = x.Discount }).ToList(),
            }, ct);
            if (!created.IsSuccess) throw new InvalidOperationException("Demo sales order: " + created.Error!.Message);
            return created.Value.Id;
        }
        async Task<long> SubmitAsync(long id)
        {
            var submitted = await save.SubmitAsync(xiaolin, id, ct);
            if (!submitted.IsSuccess) throw new InvalidOperationException("Demo sales order: " + submitted.Error!.Message);
            return submitted.Value.NewTasks.Single().Id;
        }
        Task<long> ActAsync(long taskId, long userId, Modules.Workflow.WorkflowAction action, string? opinion, params (string Name, string? Value)[] fields) =>
            ActOnTaskAsync(engine, taskId, userId, action, opinion, fields, ct);
        var approve = Modules.Workflow.WorkflowAction.Approve;
        var collect = Modules.Workflow.WorkflowAction.Collect;

        var collected = await OrderAsync(null, "华东新能源设备有限公司", "首次合作", 10, (0, 5, null), (1, 2, 0.95m));
        var receipt = await ActAsync(await SubmitAsync(collected), zhao, approve, "同意", ("reviewOpinion", "同意，新客户先款后货"));
        var amount = (await db.SalesOrders.AsNoTracking().SingleAsync(o => o.Id == collected, ct)).Total;
        await ActAsync(receipt, qian, collect, null, ("receiptAmount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("receiptMethod", "bank"));

        var partly = await OrderAsync(customers[0], null, "季度订货", 4, (2, 6, null), (3, 3, 0.9m));
        var next = await ActAsync(await SubmitAsync(partly), zhao, approve, "同意", ("reviewOpinion", "同意"));
        await ActAsync(next, qian, collect, "客户先付定金", ("receiptAmount", "200"), ("receiptMethod", "bank"));

        await SubmitAsync(await OrderAsync(customers[1 % customers.Count], null, "加急", 1, (1, 2, null)));
        await ActAsync(await SubmitAsync(await OrderAsync(customers[1 % customers.Count], null, "样品", 1, (3, 1, null))), zhao, Modules.Workflow.WorkflowAction.Return, "请补充交货日期");
        await ActAsync(await SubmitAsync(await OrderAsync(customers[2 % customers.Count], null, "大客户特价", 2, (0, 10, 0.6m))), zhao, Modules.Workflow.WorkflowAction.Reject, "折扣太低");
        await OrderAsync(customers[0], null, "报价中（草稿）", 0, (2, 1, null));
    }

    /// <summary>合同 through the real workflow: 小林's sales contracts — one in effect ending in 20 days
    /// (so it shows on his workbench) with its orders, one in effect for a year, one waiting for 赵经理,
    /// one sent back by him, a draft — and 小王's purchase contract approved by 蔡经理.</summary>
    private async Task SeedContractsAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var save = services.GetRequiredService<Modules.Contracts.SaveContract>();
        var engine = services.GetRequiredService<Modules.Workflow.WorkflowEngine>();
        var (xiaolin, zhao, xiaowang, cai) = (users["xiaolin"].Id, users["zhaojingli"].Id, users["xiaowang"].Id, users["caijingli"].Id);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var customers = await db.Companies.AsNoTracking().Where(c => c.IsCustomer && c.OwnerId == xiaolin).OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync(ct);
        var ordered = await db.SalesOrders.AsNoTracking().Where(o => o.CustomerId == customers[0]).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var supplier = await db.Companies.AsNoTracking().Where(c => c.IsSupplier).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(ct);
        var paid = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == supplier).OrderBy(o => o.Id).Select(o => o.Id).Take(1).ToListAsync(ct);

        async Task<long> ContractAsync(long author, Modules.Contracts.ContractInput input)
        {
            var created = await save.CreateAsync(author, input, ct);
            if (!created.IsSuccess) throw new InvalidOperationException("Demo contract: " + created.Error!.Message);
            return created.Value.Id;
        }
        async Task<long> SubmitAsync(long author, long id)
        {
            var submitted = await save.SubmitAsync(author, id, ct);
            if (!submitted.IsSuccess) throw new InvalidOperationException("Demo contract: " + submitted.Error!.Message);
            return submitted.Value.NewTasks.Single().Id;
        }
        Modules.Contracts.ContractInput Sales(long customer, string title, int startedDaysAgo, int endsInDays, decimal amount, string terms, List<long>? orders = null) => new()
        {
            Title = title, Kind = "sales", CompanyId = customer, SignedOn = today.AddDays(-startedDaysAgo - 3), StartsOn = today.AddDays(-startedDaysAgo),
            EndsOn = today.AddDays(endsInDays), Amount = amount, OurSignatory = "小林", TheirSignatory = "采购部负责人", Terms = terms, SalesOrderIds = orders,
        };
        var approve = Modules.Workflow.WorkflowAction.Approve;

        var ending = await ContractAsync(xiaolin, Sales(customers[0], "年度供货框架合同", 345, 20, 360000m, "一、供货范围：电机及配件。\n二、结算方式：月结 30 天。\n三、有效期一年，期满前一个月协商续签。", ordered));
        await ActOnTaskAsync(engine, await SubmitAsync(xiaolin, ending), zhao, approve, "同意", [("approvalOpinion", "同意，注意到期续签")], ct);
        var running = await ContractAsync(xiaolin, Sales(customers[1 % customers.Count], "设备维保服务合同", 30, 335, 48000m, "全年上门维保四次，备件另计。"));
        await ActOnTaskAsync(engine, await SubmitAsync(xiaolin, running), zhao, approve, "同意", [], ct);
        await SubmitAsync(xiaolin, await ContractAsync(xiaolin, Sales(customers[2 % customers.Count], "新品试销协议", 0, 180, 15000m, "试销期六个月，按实际销量结算。")));
        var returned = await ContractAsync(xiaolin, Sales(customers[1 % customers.Count], "配件长期供货合同", 0, 730, 250000m, "两年期供货，价格每半年调整一次。"));
        await ActOnTaskAsync(engine, await SubmitAsync(xiaolin, returned), zhao, Modules.Workflow.WorkflowAction.Return, "价格调整条款需要写明上限", [], ct);
        await ContractAsync(xiaolin, Sales(customers[0], "补充协议（草稿）", 0, 365, 0m, "对年度供货框架合同的交货期作出补充约定。"));

        var purchase = await ContractAsync(xiaowang, new Modules.Contracts.ContractInput
        {
            Title = "年度原材料采购合同", Kind = "purchase", CompanyId = supplier, SignedOn = today.AddDays(-60), StartsOn = today.AddDays(-60), EndsOn = today.AddDays(305),
            Amount = 120000m, OurSignatory = "小王", Terms = "按采购单分批交货，验收合格后付款。", PurchaseOrderIds = paid,
        });
        await ActOnTaskAsync(engine, await SubmitAsync(xiaowang, purchase), cai, approve, "同意", [], ct);
    }

    /// <summary>费用借支单 and 费用报销单 through the real workflow: 小林's advance paid and partly offset by
    /// his paid claim, 小王's advance paid and partly repaid, a claim waiting for 孙经理, 赵经理's own
    /// claim waiting for finance (a department manager has no 上级, so it goes straight there), one
    /// returned, one rejected, an advance waiting for its 上级, and a draft.</summary>
    private async Task SeedExpensesAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var claims = services.GetRequiredService<Modules.Expenses.SaveExpenseClaim>();
        var advances = services.GetRequiredService<Modules.Expenses.SaveExpenseAdvance>();
        var engine = services.GetRequiredService<Modules.Workflow.WorkflowEngine>();
        var (lin, wang, zhang, zhao, cai, qian) = (users["xiaolin"].Id, users["xiaowang"].Id, users["xiaozhang"].Id, users["zhaojingli"].Id, users["caijingli"].Id, users["qianjingli"].Id);
        var types = await db.OptionItems.AsNoTracking().Where(o => o.ListCode == OptionLists.ExpenseType).ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var approve = Modules.Workflow.WorkflowAction.Approve;
        var pay = Modules.Workflow.WorkflowAction.Pay;

        static T Ok<T>(Results.Result<T> result) => result.IsSuccess ? result.Value : throw new InvalidOperationException("Demo expense: " + result.Error!.Message);
        async Task<long> AdvanceAsync(long user, decimal amount, string reason, int daysAgo) =>
            Ok(await advances.CreateAsync(user, new Modules.Expenses.ExpenseAdvanceInput
            {
                AdvanceDate = today.AddDays(-daysAgo), Amount = amount, Reason = reason, ExpectedRepaymentDate = today.AddDays(30 - daysAgo),
            }, ct)).Id;
        async Task<long> ClaimAsync(long user, string notes, int daysAgo, long? advance, decimal offset, params (string Type, decimal Amount, string Description, int Receipts)[] lines) =>
            Ok(await claims.CreateAsync(user, new Modules.Expenses.ExpenseClaimInput
            {
                ClaimDate = today.AddDays(-daysAgo), Notes = notes, AdvanceId = advance, OffsetAmount = advance is null ? null : offset,
                Lines = lines.Select(x => new Modules.Expenses.ExpenseLineInput { ExpenseTypeId = types[x.Type], Amount = x.Amount, Description = x.Description, Receipts = x.Receipts }).ToList(),
            }, ct)).Id;
        async Task<long> SubmitClaimAsync(long user, long id) => Ok(await claims.SubmitAsync(user, id, ct)).NewTasks.Single().Id;
        async Task<long> SubmitAdvanceAsync(long user, long id) => Ok(await advances.SubmitAsync(user, id, ct)).NewTasks.Single().Id;
        Task<long> ActAsync(long taskId, long userId, Modules.Workflow.WorkflowAction action, string? opinion, params (string Name, string? Value)[] fields) =>
            ActOnTaskAsync(engine, taskId, userId, action, opinion, fields, ct);
        static (string, string?)[] Paid(decimal amount, string method) =>
            [("paymentAmount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("paymentMethod", method)];

        var linsAdvance = await AdvanceAsync(lin, 3000m, "上海客户拜访差旅借款", 12);
        await ActAsync(await ActAsync(await SubmitAdvanceAsync(lin, linsAdvance), zhao, approve, "同意"), qian, pay, null, Paid(3000m, "bank"));
        var offsetClaim = await ClaimAsync(lin, "上海出差报销", 5, linsAdvance, 1800m,
            ("差旅费", 1260m, "往返高铁", 2), ("住宿费", 720m, "酒店三晚", 1), ("餐费", 170m, "出差餐费", 4));
        await ActAsync(await ActAsync(await SubmitClaimAsync(lin, offsetClaim), zhao, approve, "同意报销"), qian, pay, null, Paid(350m, "bank"));

        var wangsAdvance = await AdvanceAsync(wang, 2000m, "供应商考察备用金", 20);
        await ActAsync(await ActAsync(await SubmitAdvanceAsync(wang, wangsAdvance), cai, approve, "同意"), qian, pay, null, Paid(2000m, "cash"));
        Ok(await services.GetRequiredService<Modules.Expenses.RecordRepayment>().HandleAsync(qian, wangsAdvance,
            new Modules.Expenses.RecordRepayment.Input { Amount = 500m, Note = "未用完部分先归还" }, ct));

        await SubmitClaimAsync(zhang, await ClaimAsync(zhang, "客户现场维修", 2, null, 0, ("交通费", 86m, "打车往返", 2), ("餐费", 45m, "午餐", 1)));
        await SubmitClaimAsync(zhao, await ClaimAsync(zhao, "客户招待", 3, null, 0, ("业务招待费", 680m, "宴请华东新能源", 1)));
        await ActAsync(await SubmitClaimAsync(lin, await ClaimAsync(lin, "办公用品", 6, null, 0, ("办公费", 128m, "文具", 1))), zhao, Modules.Workflow.WorkflowAction.Return, "请附上发票");
        await ActAsync(await SubmitClaimAsync(wang, await ClaimAsync(wang, "手机话费", 8, null, 0, ("通讯费", 300m, "十月话费", 1))), cai, Modules.Workflow.WorkflowAction.Reject, "话费已有通讯补贴");
        await SubmitAdvanceAsync(zhang, await AdvanceAsync(zhang, 800m, "外地安装调试备用金", 1));
        await ClaimAsync(lin, "本周交通费（草稿）", 0, null, 0, ("交通费", 56m, "地铁", 0));
    }

    /// <summary>采购单 by 小王 through the real workflow: one paid, one partly paid, one waiting for
    /// 蔡经理, one returned to 小王, one rejected, and a draft.</summary>
    private async Task SeedPurchaseOrdersAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var save = services.GetRequiredService<Modules.Purchasing.SavePurchaseOrder>();
        var engine = services.GetRequiredService<Modules.Workflow.WorkflowEngine>();
        var (xiaowang, cai, qian) = (users["xiaowang"].Id, users["caijingli"].Id, users["qianjingli"].Id);
        var supplier = await db.Products.AsNoTracking().Where(p => p.IsActive).GroupBy(p => p.SupplierId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => p.SupplierId == supplier && p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Take(4).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        async Task<long> OrderAsync(string notes, int daysAgo, params (int Product, decimal Quantity, decimal? Discount)[] lines)
        {
            var created = await save.CreateAsync(xiaowang, new Modules.Purchasing.PurchaseOrderInput
            {
                SupplierId = supplier, OrderDate = today.AddDays(-daysAgo), Notes = notes,
                Lines = lines.Select(x => new Modules.Trade.OrderLineInput { ProductId = products[x.Product % products.Count], Quantity = x.Quantity, Discount = x.Discount }).ToList(),
            }, ct);
            if (!created.IsSuccess) throw new InvalidOperationException("Demo purchase order: " + created.Error!.Message);
            return created.Value.Id;
        }
        Task<long> ActAsync(long taskId, long userId, Modules.Workflow.WorkflowAction action, string? opinion, params (string Name, string? Value)[] fields) =>
            ActOnTaskAsync(engine, taskId, userId, action, opinion, fields, ct);
        async Task<long> SubmitAsync(long id)
        {
            var submitted = await save.SubmitAsync(xiaowang, id, ct);
            if (!submitted.IsSuccess) throw new InvalidOperationException("Demo purchase order: " + submitted.Error!.Message);
            return submitted.Value.NewTasks.Single().Id;
        }
        var approve = Modules.Workflow.WorkflowAction.Approve;
        var pay = Modules.Workflow.WorkflowAction.Pay;

        var paid = await OrderAsync("月度补货", 12, (0, 20, null), (1, 10, 0.9m));
        var payment = await ActAsync(await SubmitAsync(paid), cai, approve, "同意", ("reviewOpinion", "同意采购"));
        var amount = (await db.PurchaseOrders.AsNoTracking().SingleAsync(o => o.Id == paid, ct)).Total;
        await ActAsync(payment, qian, pay, null, ("paymentAmount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("paymentMethod", "bank"));

        var partly = await OrderAsync("备货", 5, (2, 30, null), (3, 12, 0.95m));
        var next = await ActAsync(await SubmitAsync(partly), cai, approve, "同意", ("reviewOpinion", "同意，分批付款"));
        await ActAsync(next, qian, pay, "先付一部分", ("paymentAmount", "100"), ("paymentMethod", "cash"));

        await SubmitAsync(await OrderAsync("急需", 1, (1, 8, null)));
        await ActAsync(await SubmitAsync(await OrderAsync("补充包装材料", 2, (2, 40, null))), cai, Modules.Workflow.WorkflowAction.Return, "数量请再核对");
        await ActAsync(await SubmitAsync(await OrderAsync("试用新品", 3, (3, 100, null))), cai, Modules.Workflow.WorkflowAction.Reject, "数量太多，价格偏高");
        await OrderAsync("下月计划（草稿）", 0, (0, 5, null), (2, 5, null));
    }

    /// <summary>库存盘点单 through the real workflow: one approved (its differences in the ledger),
    /// one waiting for 蔡经理, and a draft of 小周's.</summary>
    private async Task SeedStockAdjustmentsAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var save = services.GetRequiredService<Modules.Inventory.Pages.Adjustments.SaveStockAdjustment>();
        var engine = services.GetRequiredService<Modules.Workflow.WorkflowEngine>();
        var main = await db.Warehouses.AsNoTracking().SingleAsync(w => w.IsDefault, ct);
        var stocked = await db.StockBalances.AsNoTracking().Where(b => b.WarehouseId == main.Id && b.Quantity > 5)
            .OrderBy(b => b.ProductId).Select(b => new { b.ProductId, b.Quantity }).Take(9).ToListAsync(ct);
        var (xiaozhou, xiaowang, cai) = (users["xiaozhou"].Id, users["xiaowang"].Id, users["caijingli"].Id);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        async Task<long> CountAsync(long counter, int skip, decimal[] differences, string notes, int daysAgo)
        {
            var input = new Modules.Inventory.Pages.Adjustments.StockAdjustmentInput
            {
                WarehouseId = main.Id, CountedOn = today.AddDays(-daysAgo), Notes = notes,
                Lines = stocked.Skip(skip).Take(differences.Length).Select((b, k) => new Modules.Inventory.Pages.Adjustments.StockAdjustmentLineInput
                {
                    ProductId = b.ProductId, Counted = b.Quantity + differences[k], Note = differences[k] < 0 ? "包装破损报废" : null,
                }).ToList(),
            };
            var created = await save.CreateAsync(counter, input, ct);
            if (!created.IsSuccess) throw new InvalidOperationException("Demo stock count: " + created.Error!.Message);
            return created.Value.Id;
        }
        async Task<long> SubmitAsync(long counter, long id)
        {
            var submitted = await save.SubmitAsync(counter, id, ct);
            if (!submitted.IsSuccess) throw new InvalidOperationException("Demo stock count: " + submitted.Error!.Message);
            return submitted.Value.NewTasks.Single().Id;
        }

        var approved = await SubmitAsync(xiaozhou, await CountAsync(xiaozhou, 0, [2, -1, 0], "月末盘点", 6));
        var result = await engine.CompleteAsync(approved, cai, new Modules.Workflow.ActRequest(Modules.Workflow.WorkflowAction.Approve, "同意调整", null, Modules.Workflow.StepFields.None), ct);
        if (!result.IsSuccess) throw new InvalidOperationException("Demo stock count: " + result.Error!.Message);
        await SubmitAsync(xiaowang, await CountAsync(xiaowang, 3, [-3, 1], "抽盘", 1));
        await CountAsync(xiaozhou, 5, [0, 0, -2, 0], "季度盘点（进行中）", 0);
    }

    /// <summary>A second warehouse, and opening stock for most products — some of them left below
    /// their 库存下限 so the purchasers' workbench has something to show.</summary>
    private async Task SeedOpeningStockAsync(long purchaser, CancellationToken ct)
    {
        var main = await db.Warehouses.SingleAsync(w => w.IsDefault, ct);
        var branch = new Warehouse("南京分仓", isDefault: false);
        db.Warehouses.Add(branch);
        await db.SaveChangesAsync(ct);
        var products = await db.Products.Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(ct);
        var random = new Random(11);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (warehouse, share) in new[] { (main, 1.0), (branch, 0.3) })
        {
            var lines = new List<StockLine>();
            for (var i = 0; i < products.Count; i++)
            {
                var p = products[i];
                // Every sixth product has no opening stock in the main warehouse.
                if (random.NextDouble() > share || (warehouse == main && i % 6 == 5)) continue;
                var quantity = (decimal)random.Next(2, warehouse == main ? 120 : 40);
                lines.Add(new StockLine(lines.Count + 1, p.Id, warehouse.Id, quantity, p.PurchasePrice));
            }
            var document = new OpeningStock(await numbering.NextAsync("opening-stock", ct), warehouse.Id, "系统上线前的库存");
            db.OpeningStocks.Add(document);
            await db.SaveChangesAsync(ct);
            var posted = await inventory.PostAsync(new StockPosting(OpeningStock.DocumentType, document.Id, document.Number,
                StockMoveKind.Opening, lines, purchaser, document.Notes), ct);
            if (!posted.IsSuccess) throw new InvalidOperationException(posted.Error!.Message);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The category tree and, per 小类, products with specification, unit, prices, 库存下限
    /// and (for most) a valid EAN-13 barcode, spread over the demo suppliers.</summary>
    private static readonly (string Category, (string Sub, (string Name, string Spec, string Unit, decimal Price)[] Items)[] Subs)[] Catalogue =
    [
        ("机械配件", [
            ("轴承", [("深沟球轴承", "6204-2RS", "个", 8.50m), ("圆锥滚子轴承", "30205", "个", 26.00m), ("调心球轴承", "1206K", "个", 35.00m), ("直线轴承", "LM20UU", "个", 12.80m)]),
            ("紧固件", [("六角螺栓", "M8×30 8.8级", "包", 15.00m), ("不锈钢螺母", "M10 304", "包", 9.60m), ("弹簧垫圈", "Φ12", "包", 4.20m), ("膨胀螺丝", "M10×100", "包", 22.00m)]),
            ("传动件", [("同步带", "HTD 5M-450", "条", 48.00m), ("链条", "08B-1 5米", "条", 85.00m), ("齿轮联轴器", "GICL2", "个", 260.00m)]),
        ]),
        ("电子元器件", [
            ("电阻电容", [("贴片电阻", "0603 10kΩ 5000只", "盘", 18.00m), ("电解电容", "470μF 25V", "包", 16.50m), ("陶瓷电容", "0805 100nF", "盘", 21.00m)]),
            ("集成电路", [("单片机", "STM32F103C8T6", "个", 9.80m), ("运算放大器", "LM358", "个", 0.85m), ("稳压芯片", "AMS1117-3.3", "个", 0.60m)]),
            ("连接器", [("接线端子", "KF301-2P", "包", 12.00m), ("航空插头", "GX16-4芯", "套", 6.50m), ("USB连接器", "Type-C 16P", "包", 25.00m)]),
        ]),
        ("五金工具", [
            ("手动工具", [("组合扳手", "8-24mm 10件套", "套", 68.00m), ("螺丝刀套装", "32合1", "套", 29.90m), ("钢卷尺", "5m×19mm", "把", 11.00m)]),
            ("电动工具", [("充电式电钻", "12V 双速", "台", 239.00m), ("角磨机", "100mm 800W", "台", 168.00m), ("热风枪", "2000W 可调温", "台", 126.00m)]),
        ]),
        ("办公用品", [
            ("纸张", [("A4复印纸", "70g 500张/包", "箱", 118.00m), ("收银纸", "57×50mm", "箱", 96.00m)]),
            ("文具", [("中性笔", "0.5mm 黑色", "盒", 14.00m), ("文件夹", "A4 双强力夹", "个", 5.50m), ("订书机", "12号 省力型", "个", 16.00m)]),
        ]),
    ];

    private async Task SeedProductsAsync(CancellationToken ct)
    {
        var units = await db.OptionItems.Where(o => o.ListCode == OptionLists.Unit).ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var suppliers = await db.Companies.Where(c => c.IsSupplier).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var random = new Random(4);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sort = 0;
        var n = 0;
        foreach (var (categoryName, subs) in Catalogue)
        {
            var category = new ProductCategory(null, categoryName, sort += 10);
            db.ProductCategories.Add(category);
            await db.SaveChangesAsync(ct);
            var subSort = 0;
            foreach (var (subName, items) in subs)
            {
                var sub = new ProductCategory(category.Id, subName, subSort += 10);
                db.ProductCategories.Add(sub);
                await db.SaveChangesAsync(ct);
                foreach (var (name, spec, unit, price) in items)
                {
                    n++;
                    // Chinese GS1 prefix 690-699; every fifth product has no barcode.
                    var digits = $"69{n % 10}{random.Next(100000000, 999999999)}";
                    string? barcode = n % 5 == 0 ? null : digits + Barcode.CheckDigit(digits);
                    decimal? minimum = n % 3 == 0 ? null : 10 * random.Next(1, 6);
                    db.Products.Add(new Product(await numbering.NextAsync("product", ct), new ProductDetails(
                        name, suppliers[n % suppliers.Count], barcode, category.Id, sub.Id, spec,
                        units.TryGetValue(unit, out var unitId) ? unitId : null, price,
                        decimal.Round(price * 1.35m, 1), minimum, IsActive: n % 17 != 0, null)));
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Complaints in every state, taken through the real workflow so their tasks and
    /// timelines are what users would have made; some name a demo product (相关商品).</summary>
    private async Task SeedComplaintsAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var save = services.GetRequiredService<Modules.Service.SaveComplaint>();
        var engine = services.GetRequiredService<Modules.Workflow.WorkflowEngine>();
        var options = await db.OptionItems.AsNoTracking().ToListAsync(ct);
        long Option(string list, string name) => options.Single(o => o.ListCode == list && o.Name == name).Id;
        var customers = await db.Companies.AsNoTracking().Where(c => c.IsCustomer).OrderBy(c => c.Id).Select(c => c.Id).Take(8).ToListAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).ToDictionaryAsync(p => p.Name, p => p.Id, ct);
        var (xiaoli, sun, zhang) = (users["xiaoli"].Id, users["sunjingli"].Id, users["xiaozhang"].Id);
        var now = clock.GetUtcNow();
        var i = 0;

        async Task<long> RegisterAsync(string subject, string type, string channel, string urgency, string contact, string details, string? product = null)
        {
            var input = new Modules.Service.ComplaintInput
            {
                CompanyId = customers[i % customers.Count], Subject = subject, Details = details, ContactName = contact,
                TypeId = Option(OptionLists.ComplaintType, type), ChannelId = Option(OptionLists.ComplaintChannel, channel),
                UrgencyId = Option(OptionLists.ComplaintUrgency, urgency), ProductId = product is null ? null : products[product], ReceivedAt = now.AddDays(-(20 - 3 * i)).AddHours(-2),
            };
            i++;
            var created = await save.CreateAsync(xiaoli, input, ct);
            if (!created.IsSuccess) throw new InvalidOperationException("Demo complaint: " + created.Error!.Message);
            return created.Value.Id;
        }
        async Task<long> SubmitAsync(long id) => (await save.SubmitAsync(xiaoli, id, ct)).Value.NewTasks.Single().Id;
        async Task<long> ActAsync(long taskId, long userId, Modules.Workflow.WorkflowAction action, string? opinion = null, long? assignee = null, params (string, string?)[] fields)
        {
            var result = await engine.CompleteAsync(taskId, userId, new Modules.Workflow.ActRequest(action, opinion, assignee,
                new Modules.Workflow.StepFields(fields.Select(f => new KeyValuePair<string, string?>(f.Item1, f.Item2)))), ct);
            if (!result.IsSuccess) throw new InvalidOperationException("Demo complaint: " + result.Error!.Message);
            return result.Value.NewTasks.Count > 0 ? result.Value.NewTasks[0].Id : 0;
        }
        const Modules.Workflow.WorkflowAction Assign = Modules.Workflow.WorkflowAction.Assign;
        const Modules.Workflow.WorkflowAction Approve = Modules.Workflow.WorkflowAction.Approve;
        var staff = zhang.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // 已关闭: handled by the service person at 100%.
        var closedByService = await SubmitAsync(await RegisterAsync("数控机床主轴异响", "产品质量", "电话", "紧急", "王工", "客户反映机床运行时主轴有明显异响，影响加工精度。", "深沟球轴承"));
        var ticket = await ActAsync(closedByService, sun, Assign, "请小张尽快上门检查", zhang);
        await ActAsync(ticket, zhang, Approve, null, null, ("serviceStaffId", staff), ("completion", "100"),
            ("workDone", "上门检查，更换主轴轴承并重新校准"), ("serviceHours", "3.5"), ("feedback", "客户满意，运行正常"));
        // 已关闭: the manager resolved it himself.
        var resolved = await SubmitAsync(await RegisterAsync("操作界面看不懂", "安装调试", "邮件", "一般", "李经理", "新员工不会使用设备的参数设置界面。"));
        await ActAsync(resolved, sun, Approve, null, null, ("resolution", "已电话指导客户完成参数设置，并发送操作手册"));
        // 待处理 again after a partial result: 60% and back to the manager.
        var partial = await SubmitAsync(await RegisterAsync("控制柜频繁报警", "产品质量", "上门", "非常紧急", "赵主管", "控制柜每天报警三到四次，需停机复位。", "接线端子"));
        ticket = await ActAsync(partial, sun, Assign, null, zhang);
        await ActAsync(ticket, zhang, Approve, null, null, ("serviceStaffId", staff), ("completion", "60"),
            ("workDone", "已排查线路，确认需要更换变频器，配件在途"), ("serviceHours", "2"));
        // 服务中: with 小张.
        var inService = await SubmitAsync(await RegisterAsync("设备漏油", "产品质量", "电话", "紧急", "周工", "液压站接头处漏油。"));
        await ActAsync(inService, sun, Assign, "带密封件上门", zhang);
        // 待处理: waiting for 孙经理.
        await SubmitAsync(await RegisterAsync("发货延迟一周", "交货延迟", "电话", "一般", "陈采购", "订单约定上周到货，至今未收到。", "同步带"));
        // 已退回: back with 小李.
        var returned = await SubmitAsync(await RegisterAsync("售后人员态度不好", "服务态度", "信件", "一般", "", "客户来信投诉售后人员服务态度。"));
        await ActAsync(returned, sun, Modules.Workflow.WorkflowAction.Return, "请补充联系人和具体经过");
        // 草稿: registered, not yet submitted.
        await RegisterAsync("配件价格咨询", "其他", "电话", "一般", "吴先生", "客户询问易损件价格，尚待确认是否属于投诉。");
    }

    private async Task SeedCustomersAsync(Dictionary<string, User> users, CancellationToken ct)
    {
        var options = await db.OptionItems.ToListAsync(ct);
        long[] Ids(string list) => options.Where(o => o.ListCode == list).OrderBy(o => o.SortOrder).Select(o => o.Id).ToArray();
        var levels = Ids(OptionLists.CustomerLevel);
        var sources = Ids(OptionLists.CustomerSource);
        var industries = Ids(OptionLists.Industry);
        var regions = Ids(OptionLists.Region);
        var statuses = Ids(OptionLists.CustomerStatus);
        var methods = Ids(OptionLists.ContactMethod);
        var regionNames = BaseData.DefaultOptions[OptionLists.Region];
        // Owners: mostly the salesperson, some the sales manager, suppliers the purchaser.
        long[] salesOwners = [users["xiaolin"].Id, users["xiaolin"].Id, users["zhaojingli"].Id];
        var purchaser = users["xiaowang"].Id;

        var random = new Random(20261127);
        var now = clock.GetUtcNow().UtcDateTime;
        var names = new List<string> { "客户A", "客户B" };
        for (var i = 0; names.Count < 50; i++)
        {
            var stem = NameStems[i % NameStems.Length];
            var region = regionNames[(i / NameStems.Length + i) % (regionNames.Length - 1)];
            names.Add(i < NameStems.Length ? $"{region}{stem}有限公司" : $"{region}{stem}股份有限公司");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var companies = new List<Company>();
        for (var i = 0; i < names.Count; i++)
        {
            var supplier = i >= 40;
            var owner = supplier ? purchaser : salesOwners[i % salesOwners.Length];
            var region = regions[random.Next(regions.Length)];
            var company = new Company(await numbering.NextAsync("company", ct), new CompanyDetails(
                names[i], IsCustomer: !supplier || i % 3 == 0, IsSupplier: supplier,
                levels[random.Next(levels.Length)], sources[random.Next(sources.Length)],
                industries[random.Next(industries.Length)], region, statuses[random.Next(statuses.Length)],
                $"{regionNames[Array.IndexOf(regions, region)]}市经济开发区{random.Next(1, 300)}号",
                $"0{random.Next(10, 99)}-{random.Next(10000000, 99999999)}", null,
                i % 4 == 0 ? $"www.demo{i:00}.example.cn" : null,
                i % 3 == 0 ? $"info@demo{i:00}.example.cn" : null, owner, null));
            companies.Add(company);
            db.Companies.Add(company);
        }
        await db.SaveChangesAsync(ct);

        // 共享: the salesperson also follows one of the manager's customers, and customer service
        // sees one of the salesperson's.
        Share(companies.First(c => c.OwnerId == users["zhaojingli"].Id), "xiaolin");
        Share(companies.First(c => c.OwnerId == users["xiaolin"].Id), "xiaoli");
        await db.SaveChangesAsync(ct);
        void Share(Company company, string login) => company.ShareWith(users[login].Id, company.OwnerId, now);

        foreach (var company in companies)
        {
            var count = random.Next(1, 4);
            var contacts = new List<Contact>();
            for (var c = 0; c < count; c++)
            {
                var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
                contacts.Add(new Contact(new ContactDetails(company.Id, name, (Gender)random.Next(1, 3),
                    Titles[random.Next(Titles.Length)], null, $"13{random.Next(100000000, 999999999)}", null,
                    null, null, null, c == 0, null)));
            }
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync(ct);

            var records = random.Next(2, 8);
            for (var r = 0; r < records; r++)
            {
                var contact = contacts[random.Next(contacts.Count)];
                var at = now.AddDays(-random.Next(0, 182)).AddHours(-random.Next(0, 9)).AddMinutes(-random.Next(0, 60));
                at = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc);
                DateTime? next = random.Next(3) == 0 ? at.AddDays(random.Next(3, 30)) : null;
                db.ContactRecords.Add(new ContactRecord(new ContactRecordDetails(at, company.Id, contact.Id, contact.Name,
                    methods[random.Next(methods.Length)], Contents[random.Next(Contents.Length)],
                    Outcomes[random.Next(Outcomes.Length)], next, company.OwnerId)));
            }
        }
        await db.SaveChangesAsync(ct);
        await ContactTimes.RefreshAsync(db, companies.Select(c => c.Id).ToList(), ct);
        await tx.CommitAsync(ct);
    }
}
