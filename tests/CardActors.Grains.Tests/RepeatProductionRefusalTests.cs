using System.Text.Json;

namespace CardActors.Grains.Tests;

/// <summary>
/// Repeat production where a card refuses its item (its user was locked after the job failed): the
/// other items are repeated all the same, and the refusal is answered and audited instead of thrown.
/// </summary>
public sealed class RepeatProductionRefusalTests : DomainTest
{
    [Fact]
    public async Task One_refused_item_does_not_stop_the_others_and_is_reported_with_its_code()
    {
        var (batchId, batch, cards) = await Scenario.IssueBatchOfApprovedCardsAsync(3, "st-a");
        Operators.Act(Scenario.Requester);
        foreach (var card in cards)
        {
            await Scenario.ProduceAsync(card.Id, succeed: false, station: "st-a");
        }

        Assert.Equal(3, (await batch.GetAsync()).Failed);
        var blocked = cards[1];
        Operators.Act("security-officer");
        await Scenario.User(blocked.UserId!).LockAsync("fraud");
        Operators.Act(Scenario.Requester);

        var repeated = await batch.RepeatProductionAsync(new RepeatProductionCommand());

        var refusal = Assert.Single(repeated.Refused);
        Assert.Equal((blocked.Id, ErrorCodes.UserNotActive), (refusal.CardId, refusal.ErrorCode));
        Assert.Equal((2, 1), (repeated.Pending, repeated.Failed));
        Assert.Equal(BatchItemStatus.Failed, repeated.Items.Single(i => i.CardId == blocked.Id).Status);
        Assert.All(repeated.Items.Where(i => i.CardId != blocked.Id), i => Assert.Equal((BatchItemStatus.Pending, 2), (i.Status, i.Attempts)));
        Assert.Equal(CardState.Issued, (await Scenario.ProduceAsync(cards[0].Id, station: "st-a")).State);

        var row = (await Silo.Audit.ReadAsync(new AuditQuery(Limit: 1000))).Items.Single(a => a.SubjectId == batchId && a.UseCase == UseCases.BatchOrderRepeatProduction);
        var details = JsonSerializer.Deserialize<JsonElement>(row.Details!);
        Assert.Equal(new[] { cards[0].Id, cards[2].Id }.Order(StringComparer.Ordinal), details.GetProperty("cardIds").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal));
        var audited = Assert.Single(details.GetProperty("refused").EnumerateArray());
        Assert.Equal((blocked.Id, ErrorCodes.UserNotActive), (audited.GetProperty("cardId").GetString(), audited.GetProperty("code").GetString()));
    }
}
