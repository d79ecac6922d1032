using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>What every flow test does on 我的工作台: sign in and land on it, open a pending task with
/// 办理, and act on it.</summary>
internal static class WorkbenchSteps
{
    /// <summary>A fresh browser context signed in as <paramref name="user"/>, on 我的工作台.</summary>
    public static async Task<IPage> LogInAsync(BrowserApp app, string user)
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LogInAsync(page, user);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens the document's pending task from the workbench's 待办事宜: returns the task's id.</summary>
    public static async Task<string> OpenTaskAsync(IPage page, string number, string step)
    {
        await page.GotoAsync("/");
        var row = TaskRows(page, number);
        await Assertions.Expect(row).ToContainTextAsync(step);
        var task = (await row.GetAttributeAsync("data-task-id"))!;
        await row.GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await Assertions.Expect(page.Locator("#current-step")).ToContainTextAsync(step);
        return task;
    }

    /// <summary>Does the task's action and lands back on the workbench, where that task is gone.</summary>
    public static async Task ActAsync(IPage page, string action, string task)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#pending-tasks tr.task-row[data-task-id='{task}']")).ToHaveCountAsync(0);
    }

    public static ILocator TaskRows(IPage page, string number) => page.Locator("#pending-tasks tr.task-row", new() { HasText = number });
}
