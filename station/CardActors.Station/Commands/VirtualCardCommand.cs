using System.CommandLine;
using CardActors.Station.VirtualCard;
using Microsoft.Extensions.Logging;

namespace CardActors.Station.Commands;

/// <summary><c>station virtual-card</c>: runs the virtual PIV card in a vpcd reader until Ctrl+C (which pulls it).</summary>
internal static class VirtualCardCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Where vpcd listens.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "vpcd's port: 35963 is reader \"Virtual PCD 00 00\", 35964 \"Virtual PCD 00 01\".", DefaultValueFactory = _ => 35963 };
        var imageFile = new Option<string?>("--image") { Description = "The card image file: kept across runs, so the card can be pulled and inserted again. Without it the card is new and forgotten." };
        var keygenDelay = new Option<TimeSpan>("--keygen-delay") { Description = "Extra time per key generation, like a real card (e.g. 5s).", CustomParser = Durations.Parse };
        var apduDelay = new Option<TimeSpan>("--apdu-delay") { Description = "Extra time per APDU (e.g. 20ms).", CustomParser = Durations.Parse };
        var command = new Command("virtual-card", "Run a virtual PIV card in a vpcd reader (pcscd with vsmartcard-vpcd).") { host, port, imageFile, keygenDelay, apduDelay };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var path = result.GetValue(imageFile);
            var image = path is null ? CardImage.Factory() : CardImage.LoadOrCreate(path);
            var card = new VirtualPivCard(image, path, new VirtualCardOptions(result.GetValue(keygenDelay), result.GetValue(apduDelay)));
            Console.WriteLine($"Virtual PIV card, serial {image.Serial}{(path is null ? "" : $", image {path}")}; Ctrl+C pulls it.");
            await new VpcdCardConnection(card, result.GetValue(host)!, result.GetValue(port), logging.CreateLogger("virtual-card")).RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
