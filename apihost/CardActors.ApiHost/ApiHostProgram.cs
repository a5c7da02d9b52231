using CardActors.Silo;

namespace CardActors.ApiHost;

/// <summary>
/// The API host. Clustering is a later step: for now it hosts the API with an in-process silo,
/// built by the very code of the embedded default (<see cref="SiloHost.RunNodeAsync"/>). A named
/// class rather than top-level statements, so that it does not clash with the silo's <c>Program</c>.
/// </summary>
public static class ApiHostProgram
{
    public static Task<int> Main(string[] args) => SiloHost.RunNodeAsync(args);
}
