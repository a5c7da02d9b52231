using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace CardActors.Silo.Tests;

/// <summary>The node finds its default settings wherever it is started from, does not log every request, and does not watch its settings files.</summary>
public sealed class NodeSettingsTests
{
    [Fact]
    public void Started_from_another_folder_the_node_reads_the_appsettings_next_to_it()
    {
        var elsewhere = Directory.CreateTempSubdirectory("cardactors-cwd-").FullName;
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = elsewhere;
        try
        {
            var builder = SiloHost.CreateBuilder([]);

            Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath));
            Assert.Equal("http://localhost:5080", builder.Configuration["Urls"]);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public void Without_any_settings_file_request_logs_are_at_Warning()
    {
        var empty = Directory.CreateTempSubdirectory("cardactors-empty-").FullName;
        try
        {
            var builder = SiloHost.CreateBuilder([$"--contentRoot={empty}"]);

            Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
            Assert.Null(builder.Configuration["Urls"]);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void No_settings_file_is_watched_unless_asked_for()
    {
        // The node's own folder holds appsettings.json, so the sources exist to look at.
        Assert.All(JsonSources(SiloHost.CreateBuilder([])), source => Assert.False(source.ReloadOnChange));
        Assert.All(JsonSources(SiloHost.CreateBuilder(["--hostBuilder:reloadConfigOnChange=true"])), source => Assert.True(source.ReloadOnChange));
    }

    private static List<JsonConfigurationSource> JsonSources(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList();
        Assert.NotEmpty(sources);
        return sources;
    }
}
