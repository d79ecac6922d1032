using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>What the order tests do on the forms: pick from a search drop-down, create a product.</summary>
internal static class OrderForms
{
    /// <summary>Opens a search drop-down, types, and picks the offered choice containing the text.
    /// Waits for the search of the whole text first: an answer arriving after the pick would reopen
    /// the drop-down on a busy machine and take the focus from the fields filled next.</summary>
    public static async Task PickAsync(IPage page, string selectId, string typed, string choice)
    {
        var wrapper = page.Locator($"#{selectId} + .ts-wrapper");
        await wrapper.Locator(".ts-control").ClickAsync();
        await page.RunAndWaitForResponseAsync(() => page.Keyboard.TypeAsync(typed),
            r => Regex.IsMatch(Uri.UnescapeDataString(r.Url), "[?&]q=" + Regex.Escape(typed) + "(&|$)"));
        await wrapper.Locator(".ts-dropdown .option", new() { HasText = choice }).First.ClickAsync();
        await Assertions.Expect(page.Locator($"#{selectId}")).Not.ToHaveValueAsync("");
        await Assertions.Expect(wrapper.Locator(".ts-dropdown")).ToBeHiddenAsync();
    }

    /// <summary>A new product of the first supplier offered, at the given 进价: returns (supplier, product).</summary>
    public static async Task<(string Supplier, string Product)> NewProductAsync(IPage page, string prefix, string purchasePrice)
    {
        var product = prefix + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/products/new");
        await page.GetByLabel("商品名称").FillAsync(product);
        await page.Locator("#Input_SupplierId + .ts-wrapper .ts-control").ClickAsync();
        var first = page.Locator("#Input_SupplierId + .ts-wrapper .ts-dropdown .option").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var supplier = (await first.EvaluateAsync<string>("el => el.firstChild.textContent")).Trim();
        await first.ClickAsync();
        await page.GetByLabel("进价").FillAsync(purchasePrice);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = product })).ToBeVisibleAsync();
        return (supplier, product);
    }
}
