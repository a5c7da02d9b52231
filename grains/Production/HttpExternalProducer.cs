using System.Net.Http.Json;
using CardActors.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace CardActors.Grains.Production;

/// <summary>Posts each order as JSON to the configured producer URL; any non-2xx answer is a failure.</summary>
internal sealed class HttpExternalProducer : IExternalProducer, IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _url;

    public HttpExternalProducer(IOptions<CardActorsDomainOptions> options)
    {
        var settings = options.Value.ExternalProduction;
        _url = settings.ProducerUrl ?? throw new InvalidOperationException($"{CardActorsDomainOptions.SectionName}:ExternalProduction:ProducerUrl is not set.");

        // One long-lived client; the handler recycles connections so DNS changes are seen.
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = settings.RequestTimeout };
    }

    public async Task SubmitAsync(ProducerOrder order, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(_url, order, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _client.Dispose();
}
