using CardActors.Station.PcSc;
using CardActors.Station.VirtualCard;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Station.Tests.Support;

/// <summary>
/// A virtual card in one of vpcd's readers, run in the test process: <see cref="InsertAsync"/>
/// connects it (pcscd then sees a card), <see cref="PullAsync"/> closes the socket (pcscd sees it
/// removed). With an image file the card keeps its memory across pull and insert.
/// </summary>
internal sealed class VirtualReader : IAsyncDisposable
{
    public const string Reader0 = "Virtual PCD 00 00";
    public const string Reader1 = "Virtual PCD 00 01";

    private readonly int port;
    private CancellationTokenSource? running;
    private Task? task;
    private int insertedAt = -1;

    public VirtualReader(string reader, string imagePath, VirtualCardOptions? options = null)
    {
        Reader = reader;
        port = reader == Reader0 ? 35963 : 35964;
        ImagePath = imagePath;
        Options = options ?? VirtualCardOptions.Fast;
    }

    public string Reader { get; }

    public string ImagePath { get; }

    public VirtualCardOptions Options { get; }

    public VirtualPivCard? Card { get; private set; }

    public static VirtualReader WithNewCard(string reader, VirtualCardOptions? options = null)
        => new(reader, Path.Combine(Directory.CreateTempSubdirectory("station-card-").FullName, "card.json"), options);

    /// <summary>Inserts the card (loading its image from the file) and waits until pcscd reports it present.</summary>
    public async Task InsertAsync()
    {
        Card = new VirtualPivCard(CardImage.LoadOrCreate(ImagePath), ImagePath, Options);
        running = new CancellationTokenSource();
        task = new VpcdCardConnection(Card, "127.0.0.1", port, NullLogger.Instance).RunAsync(running.Token);
        await WaitAsync(present: true);
    }

    /// <summary>Pulls the card out and waits until pcscd reports the reader empty.</summary>
    public async Task PullAsync()
    {
        if (running is null || task is null)
        {
            return;
        }

        await running.CancelAsync();
        await task;
        running.Dispose();
        running = null;
        task = null;
        await WaitAsync(present: false);
    }

    public CardImage ReadImage() => CardImage.LoadOrCreate(ImagePath);

    public async ValueTask DisposeAsync() => await PullAsync();

    private async Task WaitAsync(bool present) => insertedAt = await WaitAsync(Reader, present, insertedAt);

    /// <summary>
    /// Waits until pcscd reports a card in <paramref name="reader"/> (<paramref name="present"/>) or the
    /// reader empty, and returns the reader's event count then. An empty reader counts only with an
    /// event count other than <paramref name="insertedAt"/>, the count when the card was seen inserted.
    /// </summary>
    public static async Task<int> WaitAsync(string reader, bool present, int insertedAt)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await Task.Run(() =>
        {
            using var context = PcScContext.Establish();
            if (present)
            {
                return context.WaitForCard(reader, timeout.Token).EventCount;
            }

            // pcscd can report a vpcd reader empty while a card pulled mid-command is still being
            // reset, without counting a removal event; a card put back then is never seen as
            // inserted. Only an empty reader with a new event count is a card that pcscd saw go.
            while (true)
            {
                var status = context.WaitForRemoval(reader, timeout.Token);
                if (status.EventCount != insertedAt)
                {
                    return status.EventCount;
                }

                Thread.Sleep(100);
            }
        });
    }
}
