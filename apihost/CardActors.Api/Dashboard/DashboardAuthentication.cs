namespace CardActors.Api.Dashboard;

/// <summary>The names the dashboard's sign-in shares between its services, its endpoints and the tests.</summary>
public static class DashboardAuthentication
{
    /// <summary>The authorization policy of the dashboard's routes: role ops, by API key or by signed-in session.</summary>
    public const string PolicyName = "ops";

    /// <summary>The cookie session a browser gets from the sign-in form.</summary>
    public const string CookieScheme = "DashboardSession";

    /// <summary>Picks the API-key scheme when the request carries a key and the cookie scheme otherwise.</summary>
    public const string Scheme = "Dashboard";

    public const string CookieName = "CardActors.Dashboard";
    public const string AntiforgeryCookieName = "CardActors.Dashboard.Antiforgery";

    public const string PathPrefix = "/dashboard";
    public const string SignInPath = PathPrefix + "/sign-in";
    public const string SignOutPath = PathPrefix + "/sign-out";

    /// <summary>The form field that carries the API key on sign-in.</summary>
    public const string KeyField = "apiKey";

    /// <summary>
    /// Idle time after which a session ends. Short because the cookie stands for an ops key; the
    /// dashboard polls every second while it is open, which keeps an open tab signed in.
    /// </summary>
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromMinutes(20);
}
