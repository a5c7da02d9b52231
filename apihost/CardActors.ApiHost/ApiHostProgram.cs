using CardActors.Silo;

namespace CardActors.ApiHost;

/// <summary>
/// The API host: the HTTP API in front of a cluster, as an Orleans cluster client (see
/// <see cref="ApiHostBuilder"/>). A named class rather than top-level statements, so that it does not
/// clash with the silo's <c>Program</c>.
/// </summary>
public static class ApiHostProgram
{
    public static Task<int> Main(string[] args)
        => SiloHost.RunAsync(args, builder => builder.AddCardActorsApiHost(), app => app.MapCardActorsApiHost());
}
