using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Platform.Export;

/// <summary>The list exports (issue 8): the file holds the list's rows in the list's order, in the
/// user's data scope and language, streamed as .xlsx or .csv; text never turns into a formula.</summary>
public abstract class ExportTests(KehuApp app)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Companies_ExportHoldsTheRowsOfTheListInItsOrder_WithAFilterAndASort(string format)
    {
        using var api = await app.ApiAsAsync("admin");
        const string query = "role=customer&sort=name&dir=asc";
        var expected = await ExportFiles.ApiListAsync(api, $"/api/v1/companies?{query}", i => i["code"]!.GetValue<string>());
        expected.Count.ShouldBeGreaterThan(5);

        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/companies/export?format={format}&{query}", format);

        Column(file, format, "客户编号").ShouldBe(expected);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Contacts_ExportHoldsTheRowsOfTheListInItsOrder_WithAFilterAndASort(string format)
    {
        using var api = await app.ApiAsAsync("admin");
        const string query = "isPrimary=false&sort=name&dir=asc";
        var expected = await ExportFiles.ApiListAsync(api, $"/api/v1/contacts?{query}", i => $"{i["name"]}|{i["mobile"]}");
        expected.Count.ShouldBeGreaterThan(2);

        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/contacts/export?format={format}&{query}", format);

        Column(file, format, "联系人姓名").Zip(Column(file, format, "手机"), (n, m) => $"{n}|{m}").ShouldBe(expected);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task ContactRecords_ExportHoldsTheRowsOfTheListInItsOrder_WithAFilterAndASort(string format)
    {
        using var api = await app.ApiAsAsync("admin");
        const string query = "from=2000-01-01&sort=nextContact&dir=asc";
        var expected = await ExportFiles.ApiListAsync(api, $"/api/v1/contact-records?{query}", i => $"{i["contactName"]}|{i["content"]}");
        expected.Count.ShouldBeGreaterThan(2);

        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/contact-records/export?format={format}&{query}", format);

        Column(file, format, "联系人").Zip(Column(file, format, "联系内容"), (n, c) => $"{n}|{c}").ShouldBe(expected);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Products_ExportHoldsTheRowsOfTheListInItsOrder_WithAFilterAndASort(string format)
    {
        using var api = await app.ApiAsAsync("admin");
        const string query = "active=true&sort=name&dir=asc";
        var expected = await ExportFiles.ApiListAsync(api, $"/api/v1/products?{query}", i => i["code"]!.GetValue<string>());
        expected.Count.ShouldBeGreaterThan(2);

        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/products/export?format={format}&{query}", format);

        Column(file, format, "商品编码").ShouldBe(expected);
    }

    /// <summary>The other lists: each export's key column, in order, is the API list's, walked by cursor.</summary>
    [Theory]
    [InlineData("/api/v1/stock-moves", "", "productCode", "商品编码")]
    [InlineData("/api/v1/stock", "", "productCode", "商品编码")]
    [InlineData("/api/v1/sales-orders", "state=draft", "number", "单据号")]
    [InlineData("/api/v1/sales-orders", "", "number", "单据号")]
    [InlineData("/api/v1/purchase-orders", "", "number", "单据号")]
    [InlineData("/api/v1/complaints", "", "number", "单号")]
    [InlineData("/api/v1/service-tickets", "", "number", "服务单号")]
    [InlineData("/api/v1/contracts", "", "number", "合同编号")]
    [InlineData("/api/v1/stock-adjustments", "", "number", "单号")]
    public async Task List_ExportHoldsTheRowsOfTheListInItsOrder(string list, string query, string field, string header)
    {
        using var api = await app.ApiAsAsync("admin");
        var expected = await ExportFiles.ApiListAsync(api, $"{list}?{query}", i => i[field]?.GetValue<string>() ?? "");

        var csv = await ExportFiles.DownloadAsync(api, $"{list}/export?format=csv&{query}", "csv");
        var xlsx = await ExportFiles.DownloadAsync(api, $"{list}/export?format=xlsx&{query}", "xlsx");

        ExportFiles.CsvColumn(csv, header).ShouldBe(expected.Select(v => v ?? ""));
        ExportFiles.XlsxColumn(xlsx, header).Select(v => v ?? "").ShouldBe(expected.Select(v => v ?? ""));
    }

    [Theory]
    [InlineData("/api/v1/expense-claims", "合计", "total")]
    [InlineData("/api/v1/expense-advances", "借款金额", "amount")]
    public async Task Expenses_ExportHoldsTheRowsOfTheListInItsOrder_WithTheirAmountsAsNumbers(string list, string amountHeader, string amountField)
    {
        using var finance = await app.ApiAsAsync("qianjingli");
        var numbers = await ExportFiles.ApiListAsync(finance, list, i => i["number"]!.GetValue<string>());
        var amounts = await ExportFiles.ApiListAsync(finance, list, i => i[amountField]!.GetValue<decimal>().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        numbers.ShouldNotBeEmpty("the demo data has claims and advances that finance sees");

        var csv = await ExportFiles.DownloadAsync(finance, $"{list}/export?format=csv", "csv");
        var xlsx = await ExportFiles.DownloadAsync(finance, $"{list}/export?format=xlsx", "xlsx");

        ExportFiles.CsvColumn(csv, "单据编号").ShouldBe(numbers.Select(v => v!));
        ExportFiles.XlsxColumn(xlsx, "单据编号").ShouldBe(numbers);
        var sheet = ExportFiles.Xlsx(xlsx);
        sheet.Select(r => r[amountHeader]).ShouldAllBe(v => v is double || v is decimal, "amounts are numeric cells");
        sheet.Select(r => Convert.ToDecimal(r[amountHeader], System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(amounts.Select(v => v!));
    }

    [Fact]
    public async Task Balances_ExportHoldsTheListsRows_AndOnlyTheAmountsTheUserMaySee()
    {
        using var finance = await app.ApiAsAsync("qianjingli");
        using var sales = await app.ApiAsAsync("zhaojingli");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var codes = await ExportFiles.ApiListAsync(finance, "/api/v1/balances", i => i["code"]!.GetValue<string>());
        var receivable = await ExportFiles.ApiListAsync(finance, "/api/v1/balances", i => i["receivable"]!.GetValue<decimal>().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        codes.ShouldNotBeEmpty("the demo data has open orders");

        var all = ExportFiles.Xlsx(await ExportFiles.DownloadAsync(finance, "/api/v1/balances/export?format=xlsx", "xlsx"));
        var salesOnly = await ExportFiles.DownloadAsync(sales, "/api/v1/balances/export?format=csv", "csv");
        using var refused = await xiaolin.GetAsync("/api/v1/balances/export?format=csv");

        all.Select(r => r["客户编号"]?.ToString()).ShouldBe(codes);
        all.Select(r => Convert.ToDecimal(r["应收金额"], System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(receivable.Select(v => v!));
        all[0].Keys.ShouldContain("应付金额");
        ExportFiles.Csv(salesOnly)[0].ShouldBe(["客户编号", "单位名称", "应收金额"], "the sales manager sees receivables only");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentDisposition.ShouldBeNull();
    }

    [Fact]
    public async Task Products_PricesAreNumbersAndBarcodesText_InTheWorkbook()
    {
        using var api = await app.ApiAsAsync("admin");
        var prices = await ExportFiles.ApiListAsync(api, "/api/v1/products", i => i["purchasePrice"]!.ToString());

        var rows = ExportFiles.Xlsx(await ExportFiles.DownloadAsync(api, "/api/v1/products/export?format=xlsx", "xlsx"));

        rows.Select(r => r["进价"]).ShouldAllBe(v => v is double);
        rows.Select(r => Convert.ToDecimal(r["进价"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(prices.Select(p => decimal.Parse(p!, System.Globalization.CultureInfo.InvariantCulture)));
        rows.Select(r => r["条形码"]).Where(b => b is not null).ShouldAllBe(b => b is string);
    }

    [Fact]
    public async Task Categories_ExportHoldsEachTopCategoryThenItsSubcategories()
    {
        using var api = await app.ApiAsAsync("admin");
        var tree = (await (await api.GetAsync("/api/v1/product-categories")).ReadObjectAsync())["items"]!.AsArray();
        var expected = tree.SelectMany(top => top!["children"]!.AsArray().Select(sub => $"{top["name"]}|{sub!["name"]}").Prepend($"{top!["name"]}|")).ToList();

        var file = await ExportFiles.DownloadAsync(api, "/api/v1/product-categories/export?format=csv", "csv");

        ExportFiles.CsvColumn(file, "商品大类").Zip(ExportFiles.CsvColumn(file, "商品小类"), (t, s) => $"{t}|{s}").ShouldBe(expected);
    }

    [Fact]
    public async Task Warehouses_ExportHoldsTheListsWarehouses_DefaultFirst_FromTheApiAndTheAdministratorsPage()
    {
        using var api = await app.ApiAsAsync("admin");
        var name = Unique("导出仓库");
        (await api.PostAsJsonAsync("/api/v1/warehouses", new { name })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var listed = (await (await api.GetAsync("/api/v1/warehouses")).ReadObjectAsync())["items"]!.AsArray()
            .Select(w => (Name: w!["name"]!.GetValue<string>(), IsDefault: w["isDefault"]!.GetValue<bool>(), IsActive: w["isActive"]!.GetValue<bool>())).ToList();
        listed.ShouldContain(w => w.Name == name);

        var csv = await ExportFiles.DownloadAsync(api, "/api/v1/warehouses/export?format=csv", "csv");
        using var browser = await app.BrowserAsAsync("admin");
        using var page = await browser.Http.GetAsync("/inventory/warehouses?handler=Export&format=xlsx");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var xlsx = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "warehouses.xlsx");
        await File.WriteAllBytesAsync(xlsx, await page.Content.ReadAsByteArrayAsync());

        ExportFiles.CsvColumn(csv, "仓库名称").ShouldBe(listed.Select(w => w.Name).ToList());
        ExportFiles.CsvColumn(csv, "默认仓库").ShouldBe(listed.Select(w => w.IsDefault ? "是" : "否").ToList());
        ExportFiles.CsvColumn(csv, "状态").ShouldBe(listed.Select(w => w.IsActive ? "启用" : "停用").ToList());
        ExportFiles.XlsxColumn(xlsx, "仓库名称").ShouldBe(listed.Select(w => (string?)w.Name).ToList());
        listed[0].IsDefault.ShouldBeTrue();
    }

    [Fact]
    public async Task Export_OfASalesperson_HoldsOnlyWhatHeSees()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var hidden = (await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("管理员的客户") })).ReadObjectAsync())["code"]!.GetValue<string>();
        var own = (await (await xiaolin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("小林的客户") })).ReadObjectAsync())["code"]!.GetValue<string>();

        List<string?> companies = [.. ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(xiaolin, "/api/v1/companies/export?format=csv", "csv"), "客户编号")];
        List<string?> contacts = [.. ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(xiaolin, "/api/v1/contacts/export?format=csv", "csv"), "联系人姓名")];
        List<string?> records = [.. ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(xiaolin, "/api/v1/contact-records/export?format=csv", "csv"), "联系内容")];

        companies.ShouldContain(own);
        companies.ShouldNotContain(hidden);
        companies.ShouldBe(await ExportFiles.ApiListAsync(xiaolin, "/api/v1/companies", i => i["code"]!.GetValue<string>()));
        contacts.ShouldBe(await ExportFiles.ApiListAsync(xiaolin, "/api/v1/contacts", i => i["name"]!.GetValue<string>()));
        records.ShouldBe(await ExportFiles.ApiListAsync(xiaolin, "/api/v1/contact-records", i => i["content"]?.GetValue<string>() ?? ""));
        (await ExportFiles.ApiListAsync(admin, "/api/v1/companies", i => i["code"]!.GetValue<string>())).Count.ShouldBeGreaterThan(companies.Count);
    }

    [Fact]
    public async Task Export_Anonymously_Is401OnTheApiAndALoginRedirectOnThePage()
    {
        using var anonymous = app.Anonymous();

        using var api = await anonymous.GetAsync("/api/v1/companies/export?format=xlsx");
        using var page = await anonymous.GetAsync("/customers/companies?handler=Export&format=xlsx");

        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Theory]
    [InlineData("/api/v1/users/export?format=csv")]
    [InlineData("/api/v1/departments/export?format=xlsx")]
    public async Task Export_OfAnAdministratorsList_IsForbiddenToASalesperson(string url)
    {
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        using var admin = await app.ApiAsAsync("admin");

        using var refused = await xiaolin.GetAsync(url);
        using var allowed = await admin.GetAsync(url);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentDisposition.ShouldBeNull();
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/products/categories?handler=Export&format=csv")]
    [InlineData("/inventory/warehouses?handler=Export&format=csv")]
    public async Task Export_OfAPageTheUserMayNotOpen_IsRefused(string url)
    {
        using var browser = await app.BrowserAsAsync("xiaolin");

        using var response = await browser.Http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/denied");
        response.Content.Headers.ContentDisposition.ShouldBeNull();
    }

    [Fact]
    public async Task Export_FromTheListPage_IsTheFilteredListWithAChineseFileName()
    {
        using var browser = await app.BrowserAsAsync("admin");
        using var api = await app.ApiAsAsync("admin");
        var expected = await ExportFiles.ApiListAsync(api, "/api/v1/companies?role=supplier&sort=updated&dir=asc", i => i["code"]!.GetValue<string>());

        var list = await browser.GetDocumentAsync("/customers/companies?role=supplier&sort=updated&dir=asc");
        var link = list.QuerySelector("#export-xlsx")!.GetAttribute("href")!;
        using var response = await browser.Http.GetAsync(link);

        link.ShouldContain("role=supplier");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldMatch(@"^客户信息-\d{8}\.xlsx$");
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "page.xlsx");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        ExportFiles.XlsxColumn(path, "客户编号").ShouldBe(expected);
    }

    [Fact]
    public async Task Export_FromTheStockCountList_CarriesItsFilter()
    {
        using var browser = await app.BrowserAsAsync("admin");
        using var api = await app.ApiAsAsync("admin");
        var expected = await ExportFiles.ApiListAsync(api, "/api/v1/stock-adjustments?state=draft", i => i["number"]!.GetValue<string>());
        var all = await ExportFiles.ApiListAsync(api, "/api/v1/stock-adjustments", i => i["number"]!.GetValue<string>());

        var list = await browser.GetDocumentAsync("/inventory/adjustments?state=draft");
        var link = list.QuerySelector("#export-csv")!.GetAttribute("href")!;
        using var response = await browser.Http.GetAsync(link);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldMatch(@"^库存盘点单-\d{8}\.csv$");
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "page.csv");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        ExportFiles.CsvColumn(path, "单号").ShouldBe(expected.Select(v => v!));
        all.Count.ShouldBeGreaterThan(expected.Count, "the demo data has counts in other states, which the filter leaves out");
    }

    [Fact]
    public async Task Headers_AreChineseByDefaultAndEnglishInEnglish()
    {
        using var api = await app.ApiAsAsync("admin");
        using var english = await app.ApiAsAsync("admin");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var chinese = ExportFiles.Csv(await ExportFiles.DownloadAsync(api, "/api/v1/companies/export?format=csv", "csv"))[0];
        var inEnglish = ExportFiles.Csv(await ExportFiles.DownloadAsync(english, "/api/v1/companies/export?format=csv", "csv"))[0];
        var workbook = ExportFiles.Xlsx(await ExportFiles.DownloadAsync(english, "/api/v1/companies/export?format=xlsx", "xlsx"));

        chinese.Take(3).ShouldBe(["客户编号", "单位名称", "类型"]);
        inEnglish.Take(3).ShouldBe(["Code", "Company name", "Type"]);
        workbook[0].Keys.Take(3).ShouldBe(["Code", "Company name", "Type"]);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("")]
    [InlineData("xlsx;csv")]
    public async Task Export_WithAnUnknownFormat_Is400NamingFormat(string format)
    {
        using var api = await app.ApiAsAsync("admin");
        using var browser = await app.BrowserAsAsync("admin");
        var before = await app.WithDbAsync(db => db.Companies.CountAsync());

        using var response = await api.GetAsync($"/api/v1/companies/export?format={Uri.EscapeDataString(format)}");
        using var page = await browser.Http.GetAsync($"/customers/contacts?handler=Export&format={Uri.EscapeDataString(format)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("format")).ShouldBe(["导出格式只能是 xlsx 或 csv"]);
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.FieldErrorsAsync("format")).ShouldBe(["导出格式只能是 xlsx 或 csv"]);
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Csv_QuotesCommasQuotesAndLineBreaksSoTheyReadBackWhole()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var name = Unique("引号测试");
        const string notes = "第一行, 有逗号\r\n第二行 \"引号\" 结束";
        (await api.PostAsJsonAsync("/api/v1/companies", new { name, notes })).EnsureSuccessStatusCode();

        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/companies/export?format=csv&q={Uri.EscapeDataString(name)}", "csv");

        var rows = ExportFiles.Csv(file);
        rows.Count.ShouldBe(2);
        rows[1][rows[0].IndexOf("单位名称")].ShouldBe(name);
        rows[1][rows[0].IndexOf("备注")].ShouldBe(notes);
    }

    /// <summary>Every risky start, in the 备注 of companies found by one search; the tab and CR ones
    /// are written straight to the database (the form trims them), as an import or an old system may.</summary>
    private async Task<(string Stem, Dictionary<string, string> NotesByName)> RiskyCompaniesAsync(HttpClient api)
    {
        var stem = Unique("公式注入");
        string[] risky = ["=1+2", "+1", "-3", "@SUM(1,2)", "\t=1+2", "\r=1+2", "=HYPERLINK(\"http://x\",\"y\")"];
        var notesByName = new Dictionary<string, string>();
        for (var i = 0; i < risky.Length; i++)
        {
            var name = $"{stem}{i}";
            var created = await (await api.PostAsJsonAsync("/api/v1/companies", new { name, notes = "placeholder", phone = "0123", fax = "6901234567892" })).ReadObjectAsync();
            var id = created["id"]!.GetValue<long>();
            var notes = risky[i];
            await app.WithDbAsync(db => db.Companies.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Notes, notes)));
            notesByName[name] = notes;
        }
        return (stem, notesByName);
    }

    [Fact]
    public async Task FormulaInjection_Xlsx_OpensInLibreOfficeAsTheOriginalText_CodesStayText()
    {
        LibreOffice.Require();
        using var api = await app.ApiAsAsync("xiaolin");
        var (stem, notesByName) = await RiskyCompaniesAsync(api);
        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/companies/export?format=xlsx&q={stem}", "xlsx");

        var resaved = await LibreOffice.ConvertAsync(file, "xlsx");

        ExportFiles.HasFormula(file).ShouldBeFalse("the export writes no formula");
        ExportFiles.HasFormula(resaved).ShouldBeFalse("LibreOffice took no cell for a formula");
        foreach (var rows in new[] { ExportFiles.Xlsx(file), ExportFiles.Xlsx(resaved) })
        {
            rows.Count.ShouldBe(notesByName.Count);
            foreach (var row in rows)
            {
                // White space at the very start of a cell (the tab, the CR) does not survive the
                // sheet's XML as MiniExcel writes it (no xml:space="preserve"); the rest is the original text.
                ExportFiles.Lines(row["备注"] as string)!.TrimStart('\n', '\t').ShouldBe(ExportFiles.Lines(notesByName[(string)row["单位名称"]!])!.TrimStart('\n', '\t'));
                row["电话"].ShouldBe("0123");
                row["传真"].ShouldBe("6901234567892");
            }
        }
    }

    [Fact]
    public async Task FormulaInjection_Csv_OpensInLibreOfficeAsText_EvenWhenItEvaluatesFormulas()
    {
        LibreOffice.Require();
        using var api = await app.ApiAsAsync("xiaolin");
        var (stem, notesByName) = await RiskyCompaniesAsync(api);
        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/companies/export?format=csv&q={stem}", "csv");

        // UTF-8, from line 1, "evaluate formulas" on: the worst case a user can choose.
        var opened = await LibreOffice.ConvertAsync(file, "xlsx", "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true");

        ExportFiles.HasFormula(opened).ShouldBeFalse("LibreOffice took no cell for a formula");
        var rows = ExportFiles.Xlsx(opened);
        rows.Count.ShouldBe(notesByName.Count);
        foreach (var row in rows)
        {
            // The guard's apostrophe shows; the text after it is the original.
            ExportFiles.Lines(row["备注"] as string).ShouldBe(ExportFiles.Lines("'" + notesByName[(string)row["单位名称"]!]));
        }
    }

    private static List<string?> Column(string file, string format, string header) =>
        format == "xlsx" ? ExportFiles.XlsxColumn(file, header) : ExportFiles.CsvColumn(file, header).Select(v => (string?)v).ToList();
}

public sealed class ExportTestsOnSqlite(SqliteApp app) : ExportTests(app), IClassFixture<SqliteApp>;

public sealed class ExportTestsOnPostgres(PostgresApp app) : ExportTests(app), IClassFixture<PostgresApp>;
