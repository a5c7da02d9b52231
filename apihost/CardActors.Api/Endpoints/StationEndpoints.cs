using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>Stations and production lines: an admin registers stations; operators and ops watch them and their lines.</summary>
internal static class StationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var stations = api.MapGroup("/stations").WithTags("Stations and lines");
        stations.MapGet("", (IGrainFactory g) => g.GetGrain<IStationDirectoryGrain>(IStationDirectoryGrain.DefaultKey).ListAsync()).RequireRoles(Admin, Operator, Ops)
            .WithSummary("Every registered station: line, reader, online, the job it holds, cards done and failed, cards per hour");
        stations.MapGet("/{id}", (string id, IGrainFactory g) => g.GetGrain<IStationGrain>(id).GetAsync()).RequireRoles(Admin, Operator, Ops)
            .WithSummary("A station").WithDescription("404 station.not-found for an id no admin registered.");
        stations.MapPut("/{id}", (string id, RegisterStationBody body, IGrainFactory g) =>
            {
                new RequestValidation().Text("lineId", body.LineId).Text("reader", body.Reader).List("cardTypes", body.CardTypes).List("profiles", body.Profiles).ThrowIfInvalid();
                return g.GetGrain<IStationGrain>(id).RegisterAsync(new RegisterStationCommand(body.LineId, body.Reader, body.CardTypes, body.Profiles));
            }).RequireRoles(Admin)
            .WithSummary("Register a station, or change its registration")
            .WithDescription("Audited (AdminStationRegister). A station moved to another line leaves the old one. 404 cardtype.not-found for a card type the configuration does not define. "
                + "The station's process then keeps it online with heartbeats as a client of the cluster, and gets its jobs pushed.");

        api.MapGet("/lines/{id}", (string id, IGrainFactory g) => g.GetGrain<ILineGrain>(id).GetAsync()).RequireRoles(Admin, Operator, Ops)
            .WithTags("Stations and lines")
            .WithSummary("A production line: its stations, the jobs waiting for one, its open batch orders")
            .WithDescription("404 line.not-found for a line no station was registered to.");
    }
}
