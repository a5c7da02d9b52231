using System.Net;

namespace CardActors.Api.Tests;

/// <summary>On a real Kestrel server, which answers request lines over 8 KB itself by default with a bare 414.</summary>
public sealed class KestrelLimitsTests
{
    [Fact]
    public async Task A_10000_character_id_over_Kestrel_is_a_414_problem_not_a_bare_414()
    {
        await using var node = await KestrelNode.StartAsync();
        using var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Add(Security.ApiKeyAuthenticationHandler.HeaderName, TestKeys.Operator);

        using var response = await client.GetAsync($"/cards/{new string('a', 10_000)}");

        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "request.uri-too-long");
    }
}
