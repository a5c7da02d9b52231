namespace CardActors.Grains.Tests;

public sealed class AuditTests : DomainTest
{
    [Fact]
    public async Task Every_change_is_audited_with_operator_use_case_states_time_and_correlation_id()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester, "corr-123");
        var id = Scenario.NewId();
        await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.EmployeeApproval));
        Operators.Act(Scenario.Approver, "corr-456");
        await Scenario.Card(id).ApproveRequestAsync();
        var rows = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: id))).Items;
        Assert.Equal(2, rows.Count);
        Assert.Equal((Scenario.Requester, UseCases.CardsProcRequest, null, "requested", "corr-123", user),
            (rows[0].Operator, rows[0].UseCase, rows[0].FromState, rows[0].ToState, rows[0].CorrelationId, rows[0].UserId));
        Assert.Equal((Scenario.Approver, "requested", "approved", "corr-456"), (rows[1].Operator, rows[1].FromState, rows[1].ToState, rows[1].CorrelationId));
        Assert.InRange(rows[1].At, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(rows[0].Hash, rows[1].PreviousHash);

        var byUser = await Silo.Audit.ReadAsync(new AuditQuery(UserId: user));
        Assert.Equal(3, byUser.Total);
        var all = await Silo.Audit.ReadAsync(new AuditQuery(Offset: 2, Limit: 3));
        Assert.Equal([3L, 4L, 5L], all.Items.Select(a => a.Sequence));
        Assert.True(all.Total > 5);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Silo.Audit.ReadAsync(new AuditQuery(Limit: 0)));
    }

    [Fact]
    public async Task The_chain_verifies_and_reports_the_first_altered_or_missing_row()
    {
        await Scenario.PermanentInAsync(CardState.Active);
        var intact = await Silo.Audit.VerifyAsync();
        Assert.True(intact.IsValid, intact.Problem);
        Assert.True(intact.RowsChecked > 10);

        using (var db = Silo.OpenDatabase())
        using (var tamper = db.CreateCommand())
        {
            tamper.CommandText = "UPDATE cardactors_audit SET operator = 'mallory' WHERE seq = 7";
            Assert.Equal(1, tamper.ExecuteNonQuery());
        }

        var altered = await Silo.Audit.VerifyAsync();
        Assert.False(altered.IsValid);
        Assert.Equal(7, altered.FirstBrokenSequence);
        Assert.Equal(6, altered.RowsChecked);

        using (var db = Silo.OpenDatabase())
        using (var delete = db.CreateCommand())
        {
            delete.CommandText = "UPDATE cardactors_audit SET operator = (SELECT operator FROM cardactors_audit WHERE seq = 6) WHERE seq = 7; DELETE FROM cardactors_audit WHERE seq = (SELECT MAX(seq) FROM cardactors_audit)";
            delete.ExecuteNonQuery();
        }

        var truncated = await Silo.Audit.VerifyAsync();
        Assert.False(truncated.IsValid);
    }
}
