using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace CutoverSequencer.Bench;

/// <summary>
/// A TCP relay in front of PostgreSQL that delays every chunk by a fixed latency in each direction
/// (without limiting throughput: chunks queue with their due time) and counts round trips: a round
/// trip is a client-to-server send that follows server-to-client traffic on the same connection.
/// </summary>
public sealed class LatencyRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly TimeSpan latency;
    private readonly CancellationTokenSource stop = new();
    private long roundTrips;

    public LatencyRelay(int targetPort, TimeSpan latency)
    {
        this.targetPort = targetPort;
        this.latency = latency;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public long RoundTrips => Interlocked.Read(ref roundTrips);

    public void ResetCount() => Interlocked.Exchange(ref roundTrips, 0);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        client.NoDelay = true;
        server.NoDelay = true;
        await server.ConnectAsync(IPAddress.Loopback, targetPort);
        var state = new Direction();
        using (client)
        {
            await Task.WhenAny(
                PumpAsync(client.GetStream(), server.GetStream(), state, upstream: true),
                PumpAsync(server.GetStream(), client.GetStream(), state, upstream: false));
        }
    }

    private sealed class Direction
    {
        public bool LastWasDownstream = true;
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Direction state, bool upstream)
    {
        var channel = Channel.CreateUnbounded<(byte[] Data, long Due)>();
        var writer = Task.Run(async () =>
        {
            await foreach (var (data, due) in channel.Reader.ReadAllAsync())
            {
                var wait = due - Environment.TickCount64;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
                }
                await to.WriteAsync(data);
            }
        });
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                lock (state)
                {
                    if (upstream && state.LastWasDownstream)
                    {
                        Interlocked.Increment(ref roundTrips);
                    }
                    state.LastWasDownstream = !upstream;
                }
                await channel.Writer.WriteAsync((buffer[..read], Environment.TickCount64 + (long)latency.TotalMilliseconds));
            }
        }
        catch (IOException)
        {
        }
        channel.Writer.TryComplete();
        try
        {
            await writer;
        }
        catch (IOException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
