using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>The purchase order form's lines editor in a real browser: live 金额 and 应付金额.</summary>
public sealed class PurchaseOrderFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task NewOrder_ShowsLiveAmountsAtThePurchasePrice_RoundedHalfAwayFromZero_AsTheServerSavesThem()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LogInAsync(page, "xiaowang");
        var (supplier, product) = await OrderForms.NewProductAsync(page, "计价商品", "10.1");

        await page.GotoAsync("/purchasing/orders/new");
        await OrderForms.PickAsync(page, "Input_SupplierId", supplier, supplier);
        await OrderForms.PickAsync(page, "line-0-product", product, product);
        await page.Locator("#line-0-quantity").FillAsync("3");
        await page.Locator("#line-0-discount").FillAsync("0.85");

        // 3 × 10.10 × 0.85 = 25.755: half away from zero is 25.76 (floating point would say 25.75).
        var total = page.Locator("#lines-total");
        await Assertions.Expect(page.Locator("#line-0-amount")).ToHaveTextAsync("25.76");
        await Assertions.Expect(total).ToHaveTextAsync("25.76");

        await page.GetByRole(AriaRole.Button, new() { Name = "添加一行" }).ClickAsync();
        var added = page.Locator("#order-lines tbody tr").Last;
        var index = Regex.Match((await added.Locator("select").GetAttributeAsync("id"))!, @"line-(\d+)-product").Groups[1].Value;
        await OrderForms.PickAsync(page, $"line-{index}-product", product, product);
        await page.Locator($"#line-{index}-quantity").FillAsync("1");
        await page.Locator($"#line-{index}-price").FillAsync("2.675");
        await Assertions.Expect(page.Locator($"#line-{index}-amount")).ToHaveTextAsync("2.68");
        await Assertions.Expect(total).ToHaveTextAsync("28.44");

        await added.Locator("[data-remove-line]").ClickAsync();
        await Assertions.Expect(total).ToHaveTextAsync("25.76");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/purchasing/orders/\d+$"));
        await Assertions.Expect(page.Locator("#order-total")).ToHaveTextAsync("25.76");
        await Assertions.Expect(page.Locator("#order-lines tbody tr")).ToHaveCountAsync(1);
    }
}
