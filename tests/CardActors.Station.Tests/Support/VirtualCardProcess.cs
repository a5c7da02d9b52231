using System.Globalization;
using CardActors.Station.VirtualCard;
using CardActors.Tests.Support;

namespace CardActors.Station.Tests.Support;

/// <summary>
/// One physical card in one of vpcd's readers, as a user runs it: <c>station virtual-card</c> as a
/// process of its own, with its image in a file of its own (a new card, with a serial of its own).
/// <see cref="InsertAsync"/> starts it and waits until pcscd sees the card; <see cref="PullAsync"/>
/// is what Ctrl+C does (it pulls the card) and waits until pcscd sees the reader empty, so the next
/// card put in is seen as a new one; disposing pulls it too. The image stays for the test to read.
/// </summary>
internal sealed class VirtualCardProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly NodeProcess process;
    private int insertedAt;

    private VirtualCardProcess(string reader, NodeProcess process, string imagePath)
    {
        Reader = reader;
        this.process = process;
        ImagePath = imagePath;
    }

    public string Reader { get; }

    public string ImagePath { get; }

    /// <summary>Puts a new card into <paramref name="reader"/>, made <paramref name="keygenDelay"/> slower per key generation.</summary>
    public static async Task<VirtualCardProcess> InsertAsync(string reader, TimeSpan keygenDelay)
    {
        var image = Path.Combine(Directory.CreateTempSubdirectory("station-card-").FullName, "card.json");
        var port = reader == VirtualReader.Reader0 ? 35963 : 35964;
        var process = NodeProcess.Start($"card-{port}", NodeProcess.StationDll,
            ["virtual-card", "--port", port.ToString(CultureInfo.InvariantCulture), "--image", image,
             "--keygen-delay", $"{(int)keygenDelay.TotalMilliseconds}ms"]);
        var card = new VirtualCardProcess(reader, process, image);
        try
        {
            card.insertedAt = await VirtualReader.WaitAsync(reader, present: true, insertedAt: -1);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return card;
    }

    public CardImage ReadImage() => CardImage.LoadOrCreate(ImagePath);

    /// <summary>Pulls the card (SIGTERM, as Ctrl+C) and waits until pcscd has seen it go.</summary>
    public async Task PullAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        await process.StopAsync(ExitTimeout);
        await VirtualReader.WaitAsync(Reader, present: false, insertedAt);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PullAsync();
        }
        finally
        {
            process.Dispose();
        }
    }
}
