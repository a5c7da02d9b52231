namespace CardActors.Api.Tests;

/// <summary>
/// A test that drives Debian's headless chromium through chromium-driver (scripts/test.sh installs
/// both). Skipped, saying why, on a machine that has neither.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            Skip = $"needs {Browser} and {Driver} (apt-get install chromium chromium-driver; scripts/test.sh does it)";
        }
    }
}
