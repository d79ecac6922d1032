using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>The product flows of the products issue, in a real browser.</summary>
public sealed class ProductFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task LogInAsync(IPage page, string user) => BrowserApp.LogInAsync(page, user);

    [Fact]
    public async Task CategoryThenSubCategory_ThenAProductUnderThemWithASupplier_ShowsOnTheSuppliersPage()
    {
        var page = await app.NewPageAsync();
        await LogInAsync(page, "admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var category = "浏览器大类" + tag;
        var sub = "浏览器小类" + tag;
        var product = "浏览器商品" + tag;

        await page.GotoAsync("/products/categories");
        await page.GetByLabel("商品大类名称").FillAsync(category);
        await page.GetByRole(AriaRole.Button, new() { Name = "添加大类" }).ClickAsync();
        await page.GetByLabel($"新商品小类（属于“{category}”）").FillAsync(sub);
        await page.Locator("form", new() { Has = page.GetByLabel($"新商品小类（属于“{category}”）") })
            .GetByRole(AriaRole.Button, new() { Name = "添加小类" }).ClickAsync();
        await Assertions.Expect(page.Locator($"input[value='{sub}']")).ToBeVisibleAsync();

        await page.GotoAsync("/products/new");
        await page.GetByLabel("商品名称").FillAsync(product);
        await page.Locator("#Input_SupplierId + .ts-wrapper .ts-control").ClickAsync();
        await page.Keyboard.TypeAsync("股份");
        var supplierOption = page.Locator(".ts-dropdown .option").First;
        await Assertions.Expect(supplierOption).ToBeVisibleAsync();
        var supplier = (await supplierOption.TextContentAsync())!.Trim();
        await supplierOption.ClickAsync();
        await page.Locator("#Input_CategoryId").SelectOptionAsync(new SelectOptionValue { Label = category });
        var subSelect = page.Locator("#Input_SubCategoryId");
        await Assertions.Expect(subSelect).ToBeEnabledAsync();
        await Assertions.Expect(subSelect.Locator("option")).ToHaveCountAsync(2);
        await subSelect.SelectOptionAsync(new SelectOptionValue { Label = sub });
        await page.GetByLabel("进价").FillAsync("8.8");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = product })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#product-fields")).ToContainTextAsync(category);
        await Assertions.Expect(page.Locator("#product-fields")).ToContainTextAsync(sub);
        await page.Locator("#product-fields a[href^='/customers/companies/']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/customers/companies/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = supplier.Split(' ')[0] })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#supplier-products")).ToContainTextAsync(product);
    }
}
