using CardActors.Api.Dashboard;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace CardActors.Api.Tests;

/// <summary>The dashboard in a real browser: headless chromium, against a node on a loopback port.</summary>
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [ChromiumFact]
    public async Task A_browser_is_sent_to_sign_in_and_then_sees_the_dashboard()
    {
        await using var node = await KestrelNode.StartAsync();
        var profile = Directory.CreateTempSubdirectory("cardactors-chromium-");
        try
        {
            using var driver = StartChromium(profile.FullName);
            var wait = new WebDriverWait(driver, s_wait);

            driver.Navigate().GoToUrl(new Uri(node.Address, DashboardAuthentication.PathPrefix));
            wait.Until(d => d.Url.Contains(DashboardAuthentication.SignInPath, StringComparison.Ordinal));
            driver.FindElement(By.Id(DashboardAuthentication.KeyField)).SendKeys(TestKeys.Ops);
            driver.FindElement(By.Id("sign-in")).Click();

            wait.Until(d => d.Title == "Orleans Dashboard");
            Assert.Equal(new Uri(node.Address, DashboardAuthentication.PathPrefix + "/").ToString(), driver.Url);
            // The menu is drawn by the dashboard's script, from the data it loads: the page works, not just loads.
            wait.Until(d => d.FindElements(By.CssSelector("#menu a")).Count > 0);
            var cookie = driver.Manage().Cookies.GetCookieNamed(DashboardAuthentication.CookieName);
            Assert.NotNull(cookie);
            Assert.True(cookie.IsHttpOnly);
            Assert.Equal("Strict", cookie.SameSite);
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // chromium may still be writing its profile as it exits: the OS cleans temp folders.
            }
        }
    }

    private static ChromeDriver StartChromium(string profile)
    {
        // Debian's driver for Debian's browser: nothing is downloaded (no Selenium Manager).
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}");
        return new ChromeDriver(service, options, s_wait);
    }
}
