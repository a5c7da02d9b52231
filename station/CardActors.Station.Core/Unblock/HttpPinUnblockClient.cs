using CardActors.Station.Jobs;

namespace CardActors.Station.Unblock;

/// <summary>The unblock over the API, with an operator's API key: <c>POST /cards/{id}/pin-unblock</c> and <c>POST /cards/{id}/pin-unblock/confirmation</c>.</summary>
public sealed class HttpPinUnblockClient(HttpClient http, string apiKey) : IPinUnblockClient
{
    public async Task<PukPair> StartAsync(string cardId, CancellationToken cancellationToken)
    {
        var answer = await ApiRequests.PostAsync<PukPair>(http, apiKey, $"cards/{Uri.EscapeDataString(cardId)}/pin-unblock", null, $"start the PIN unblock of card {cardId}", cancellationToken);
        return string.IsNullOrEmpty(answer.Puk) || string.IsNullOrEmpty(answer.NewPuk)
            ? throw new ProductionJobException($"The unblock of card {cardId} came back without its PUKs.")
            : answer;
    }

    public async Task ConfirmAsync(string cardId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"cards/{Uri.EscapeDataString(cardId)}/pin-unblock/confirmation");
        using var response = await ApiRequests.SendAsync(http, apiKey, request, $"confirm the new PUK of card {cardId}", cancellationToken);
    }
}
