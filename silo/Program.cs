using CardActors.Silo;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSilo();
    var app = builder.Build();
    app.MapSiloEndpoints();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException exception)
{
    // One line that names the setting, rather than a stack trace.
    await Console.Error.WriteLineAsync($"CardActors cannot start: {string.Join(" ", exception.Failures)}");
    return 2;
}

/// <summary>The entry point; public so that functional tests can host it.</summary>
public partial class Program;
