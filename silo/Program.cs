using CardActors.Silo;

// The embedded default: one node (silo, domain and HTTP API) on SQLite; see SiloHost.RunNodeAsync.
return await SiloHost.RunNodeAsync(args);

/// <summary>The entry point; public so that functional tests can host it.</summary>
public partial class Program;
