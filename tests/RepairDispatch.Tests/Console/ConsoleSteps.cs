using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

/// <summary>Steps every console test takes, written as a user would: by labels and button names, in Chinese.</summary>
public static class ConsoleSteps
{
    public static async Task SignInAsync(IPage page, string username, string password = ApiFactory.UserPassword)
    {
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByLabel("密码").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
    }
}
