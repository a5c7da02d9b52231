using Microsoft.Extensions.Logging;

namespace CardActors.Api.Dashboard;

/// <summary>What the dashboard's sign-in logs: key names and reasons, never a key.</summary>
internal static partial class DashboardLog
{
    public const string Category = "CardActors.Api.Dashboard";

    [LoggerMessage(300, LogLevel.Information, "Dashboard session started for API key {KeyName}")]
    public static partial void SignedIn(ILogger logger, string keyName);

    [LoggerMessage(301, LogLevel.Warning, "Dashboard sign-in refused from {RemoteAddress}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(302, LogLevel.Information, "Dashboard session ended for API key {KeyName}")]
    public static partial void SignedOut(ILogger logger, string keyName);

    [LoggerMessage(303, LogLevel.Warning, "Dashboard form from {RemoteAddress} refused: missing or invalid antiforgery token")]
    public static partial void AntiforgeryRefused(ILogger logger, string? remoteAddress);
}
