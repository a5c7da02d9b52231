using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CardActors.Station.VirtualCard;

/// <summary>
/// Puts a <see cref="VirtualPivCard"/> into a vpcd reader: the card is a TCP client of vpcd
/// (the reader driver in pcscd). Every message either way is a big-endian 16-bit length and a
/// payload; a one-byte payload from vpcd is a control (00 power off, 01 power on, 02 reset,
/// 04 send the ATR), anything longer an APDU answered by one response. Being connected is
/// "the card is in the reader"; <see cref="RunAsync"/> keeps reconnecting (vpcd may start after
/// us, or restart), and cancelling it closes the socket, which pcscd sees as the card pulled.
/// </summary>
public sealed partial class VpcdCardConnection(VirtualPivCard card, string host, int port, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Set when the card is in the reader (connected to vpcd).</summary>
    public bool Inserted { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var waitingLogged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = new TcpClient { NoDelay = true };
            try
            {
                await client.ConnectAsync(host, port, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                if (!waitingLogged)
                {
                    LogWaitingForReader(logger, host, port);
                    waitingLogged = true;
                }

                await Delay(RetryDelay, cancellationToken);
                continue;
            }

            waitingLogged = false;
            Inserted = true;
            LogInserted(logger, host, port);
            try
            {
                await ServeAsync(client.GetStream(), cancellationToken);
                LogReaderClosed(logger);
            }
            catch (Exception e) when (e is IOException or SocketException or EndOfStreamException)
            {
                LogReaderClosed(logger);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Inserted = false;
                card.PowerCycle();
            }

            await Delay(RetryDelay, cancellationToken);
        }

        LogRemoved(logger);
    }

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        while (true)
        {
            await stream.ReadExactlyAsync(header, cancellationToken);
            var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
            await stream.ReadExactlyAsync(payload, cancellationToken);
            if (payload.Length == 1)
            {
                switch (payload[0])
                {
                    case 0x00:
                    case 0x01:
                    case 0x02:
                        card.PowerCycle();
                        break;
                    case 0x04:
                        await SendAsync(stream, VirtualPivCard.Atr, cancellationToken);
                        break;
                    default:
                        break;
                }

                continue;
            }

            var response = await card.ProcessAsync(payload, cancellationToken);
            await SendAsync(stream, response, cancellationToken);
        }
    }

    private static async Task SendAsync(NetworkStream stream, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[payload.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame, 2);
        await stream.WriteAsync(frame, cancellationToken);
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the vpcd reader on {Host}:{Port} (is pcscd running with vpcd?)")]
    private static partial void LogWaitingForReader(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card inserted into the vpcd reader on {Host}:{Port}")]
    private static partial void LogInserted(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "The reader closed the connection; inserting the card again")]
    private static partial void LogReaderClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card removed")]
    private static partial void LogRemoved(ILogger logger);
}
