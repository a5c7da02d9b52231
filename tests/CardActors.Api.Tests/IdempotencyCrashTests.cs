using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CardActors.Api.Idempotency;
using CardActors.Grains;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Tests;

/// <summary>
/// A request whose card was committed but whose answer was lost (the silo that ran it died, or the
/// call timed out after the commit), and whose key could not even be released (the idempotency
/// grain was on the dead silo too): the retry with the same key and body answers as the first
/// request would have, 201 with that card, as soon as the cluster answers again, not after the lease.
/// </summary>
public sealed class IdempotencyCrashTests
{
    [Fact]
    public async Task A_retry_after_a_lost_answer_gets_the_card_at_once_and_nothing_twice()
    {
        var faults = new LostAnswers();
        await using var host = await ApiHost.StartSqliteAsync(web =>
        {
            // Short, so that a retry that has to wait for the lease fails fast instead of after 30 s.
            web.UseSetting("CardActors:Api:IdempotencyWait", "00:00:05");
            web.ConfigureTestServices(services => services.AddSingleton<IOutgoingGrainCallFilter>(faults));
        });
        using var client = host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();
        var key = Guid.NewGuid().ToString();

        faults.Armed = true;
        using (var first = await client.SendAsync(Request(user, key)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        Assert.True(faults.CardCommitted, "the card was made before the answer was lost");
        Assert.True(faults.ReleaseFailed, "the key could not be released at once");

        // A retry that had to wait for the lease would get 409 after IdempotencyWait (5 s), not the card.
        using var retry = await client.SendAsync(Request(user, key));
        var card = await retry.AssertSuccessAsync(HttpStatusCode.Created);
        Assert.Equal(user, card.GetProperty("userId").GetString());
        Assert.Equal($"/cards/{card.Id()}", retry.Headers.Location?.OriginalString);

        var search = await client.GetJsonAsync($"/cards?userId={user}");
        Assert.Equal(1, search.GetProperty("total").GetInt64());
        Assert.Equal(card.Id(), search.GetProperty("items")[0].Id());

        // And the key now replays that answer.
        using var again = await client.SendAsync(Request(user, key));
        Assert.Equal(card.Id(), (await again.AssertSuccessAsync(HttpStatusCode.Created)).Id());
        Assert.True(again.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
    }

    private static HttpRequestMessage Request(string user, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cards") { Content = JsonContent.Create(new { userId = user, cardType = "contractor" }) };
        request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        return request;
    }

    /// <summary>Once armed: the next card request commits but its answer is lost, and the next release of a key fails.</summary>
    private sealed class LostAnswers : IOutgoingGrainCallFilter
    {
        public volatile bool Armed;
        public volatile bool CardCommitted;
        public volatile bool ReleaseFailed;

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (Armed && context.InterfaceMethod?.DeclaringType == typeof(ICardGrain) && context.InterfaceMethod?.Name == nameof(ICardGrain.RequestAsync))
            {
                await context.Invoke();
                CardCommitted = true;
                throw new TimeoutException("injected: the answer of the card request was lost");
            }

            if (Armed && CardCommitted && !ReleaseFailed && context.InterfaceMethod?.DeclaringType == typeof(IIdempotencyGrain) && context.InterfaceMethod?.Name == nameof(IIdempotencyGrain.ReleaseAsync))
            {
                ReleaseFailed = true;
                Armed = false;
                throw new TimeoutException("injected: the idempotency grain is unreachable");
            }

            await context.Invoke();
        }
    }
}
