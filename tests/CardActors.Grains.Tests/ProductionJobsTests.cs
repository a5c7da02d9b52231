using System.Security.Cryptography;
using CardActors.Grains.Cards;
using CardActors.Grains.Configuration;
using CardActors.Grains.Security;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Tests;

/// <summary>The rules of a production job and of a command's own checks, without a silo.</summary>
public sealed class ProductionJobsTests
{
    private static readonly DateTimeOffset s_now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SecretProtector s_secrets = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_new_job_takes_the_pinned_options_and_counts_attempts()
    {
        var config = ConfigurationDefaults.Initial(s_now);
        var card = new CardRecord { Exists = true, Kind = CardKind.Permanent, CardType = ConfigurationDefaults.EmployeeCardType };
        var issue = CardStateTables.Permanent.Resolve("c1", UseCases.CardsProcIssue, CardState.Approved);

        var first = ProductionJobs.New("c1", card, issue, config, "st-1", null, s_now);
        Assert.Equal(("c1.1", 1, ProductionJobStatus.Pending, CardState.Issued), (first.Job.JobId, first.Job.Attempt, first.Job.Status, first.ToState));
        Assert.Equal((6, 8, true, config.Version), (first.Job.PinLength, first.Job.PukLength, first.Job.Encode, first.Job.ConfigVersion));
        Assert.Equal(["authentication", "signature"], first.Job.Certificates);
        var second = ProductionJobs.New("c1", card with { Jobs = [first] }, issue, config, null, "b1", s_now);
        Assert.Equal(("c1.2", 2, "b1"), (second.Job.JobId, second.Job.Attempt, second.Job.BatchId));
    }

    [Fact]
    public void A_print_only_temporary_card_gets_no_certificates_and_its_claim_no_secrets()
    {
        var defaults = ConfigurationDefaults.Initial(s_now);
        var temporary = defaults.CardTypes[ConfigurationDefaults.TemporaryCardType];
        var printOnly = temporary with
        {
            UseCases = new Dictionary<string, UseCaseSetting>(temporary.UseCases)
            {
                [UseCases.TempCardsBoProcIssueMultiple] = new(true, UseCaseOptions.Default with { EncodeTemporaryCard = false }),
            },
        };
        var config = defaults with { CardTypes = new Dictionary<string, CardTypeConfiguration> { [temporary.Name] = printOnly } };
        var card = new CardRecord { Exists = true, Kind = CardKind.Temporary, CardType = temporary.Name };
        var issue = CardStateTables.Temporary.Resolve("t1", UseCases.TempCardsBoProcIssueMultiple, CardState.Requested);

        var job = ProductionJobs.New("t1", card, issue, config, null, "b1", s_now);
        Assert.False(job.Job.Encode);
        Assert.Empty(job.Job.Certificates);
        var (claimed, work) = ProductionJobs.Claim(job, "st-1", s_now, s_secrets);
        Assert.Equal((ProductionJobStatus.Claimed, "st-1", null, null, null), (claimed.Job.Status, claimed.Job.StationId, work.Pin, work.Puk, work.ManagementKey));
        Assert.Null(claimed.EncryptedPuk);
    }

    [Fact]
    public void Every_claim_makes_new_secrets_and_keeps_them_only_encrypted_and_never_the_PIN()
    {
        var job = NewIssueJob();
        var (first, firstWork) = ProductionJobs.Claim(job, "st-1", s_now, s_secrets);
        Assert.Equal(ErrorCodes.JobOtherStation, Assert.Throws<DomainException>(() => ProductionJobs.Claim(first, "st-2", s_now, s_secrets)).Code);
        var (second, secondWork) = ProductionJobs.Claim(first, "st-1", s_now, s_secrets);
        Assert.Matches("^[0-9]{6}$", secondWork.Pin);
        Assert.NotEqual(firstWork.ManagementKey, secondWork.ManagementKey);
        var stored = System.Text.Json.JsonSerializer.Serialize(second, System.Text.Json.JsonSerializerOptions.Web);
        Assert.DoesNotContain("pinHash", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pbkdf2", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secondWork.Puk, s_secrets.Unprotect(second.EncryptedPuk!, "c1"));
        Assert.DoesNotContain(secondWork.Puk!, second.EncryptedPuk, StringComparison.Ordinal);

        var done = ProductionJobs.Done(new CardRecord { Jobs = [second] }, second, ProductionJobResult.Done("SN-1", ["cert"]), s_now);
        var error = Assert.Throws<DomainException>(() => ProductionJobs.Claim(done.Jobs[0], "st-1", s_now, s_secrets));
        Assert.Equal(ErrorCodes.JobStateConflict, error.Code);
    }

    [Fact]
    public void Completing_needs_a_claim_and_a_serial_or_reason_and_the_same_result_again_is_a_repeat()
    {
        var pending = NewIssueJob();
        Assert.Equal(ErrorCodes.JobStateConflict, Assert.Throws<DomainException>(() => ProductionJobs.EnsureCompletable(pending.Job, ProductionJobResult.Done("SN-1"))).Code);
        var (claimed, _) = ProductionJobs.Claim(pending, "st-1", s_now, s_secrets);
        Assert.Equal(["cardSerial"], Assert.Throws<ValidationFailedException>(() => ProductionJobs.EnsureCompletable(claimed.Job, new ProductionJobResult(true, " ", null))).Fields.Keys);
        Assert.Equal(["failureReason"], Assert.Throws<ValidationFailedException>(() => ProductionJobs.EnsureCompletable(claimed.Job, new ProductionJobResult(false, null, null))).Fields.Keys);

        var done = ProductionJobs.Done(new CardRecord { Jobs = [claimed] }, claimed, ProductionJobResult.Done("SN-1"), s_now).Jobs[0].Job;
        Assert.True(ProductionJobs.IsRepeated(done, ProductionJobResult.Done("SN-1")));
        Assert.False(ProductionJobs.IsRepeated(done, ProductionJobResult.Done("SN-2")));
        var failed = ProductionJobs.Failed(claimed, "jam", s_now);
        Assert.Null(failed.EncryptedPuk);
        Assert.True(ProductionJobs.IsRepeated(failed.Job, ProductionJobResult.Failed("other words")));
    }

    [Fact]
    public void A_done_job_hands_its_secrets_to_the_card_and_a_voided_card_keeps_nothing_of_its_physical_card_but_the_serial_in_its_history()
    {
        var (claimed, _) = ProductionJobs.Claim(NewIssueJob(), "st-1", s_now, s_secrets);
        var card = ProductionJobs.Done(new CardRecord { Jobs = [claimed], VoidedSerials = ["SN-0"] }, claimed, ProductionJobResult.Done("SN-1", ["cert"]), s_now);
        Assert.Equal((claimed.EncryptedPuk, claimed.EncryptedManagementKey), (card.EncryptedPuk, card.EncryptedManagementKey));
        Assert.NotNull(card.EncryptedPuk);
        Assert.Equal((ProductionJobStatus.Done, null, null), (card.Jobs[0].Job.Status, card.Jobs[0].EncryptedPuk, card.Jobs[0].EncryptedManagementKey));

        var voided = ProductionJobs.Voided(card, card.Jobs[0], "misprinted: smudge", s_now);
        Assert.Equal((null, null, null), (voided.Serial, voided.EncryptedPuk, voided.EncryptedManagementKey));
        Assert.Empty(voided.Certificates);
        Assert.Equal(["SN-0", "SN-1"], voided.VoidedSerials);
        var job = voided.Jobs[0];
        Assert.Equal((ProductionJobStatus.Failed, "SN-1", "misprinted: smudge", null), (job.Job.Status, job.Job.CardSerial, job.Job.FailureReason, job.EncryptedPuk));
    }

    [Fact]
    public void Commands_are_checked_on_their_own()
    {
        var validity = TimeSpan.FromDays(14);
        Assert.Equal(s_now + validity, CardCommandChecks.ExtendedUntil(null, s_now, validity));
        Assert.Equal(s_now.AddDays(3), CardCommandChecks.ExtendedUntil(s_now.AddDays(3), s_now, validity));
        Assert.Throws<ValidationFailedException>(() => CardCommandChecks.ExtendedUntil(s_now, s_now, validity));
        Assert.Throws<ValidationFailedException>(() => CardCommandChecks.ExtendedUntil(s_now.AddDays(15), s_now, validity));

        var missing = Assert.Throws<ValidationFailedException>(() => CardCommandChecks.EnsureIssuableAsNew(new IssueCardCommand()));
        Assert.Equal(["userId", "cardType"], missing.Fields.Keys);
        Assert.Throws<ValidationFailedException>(() => CardCommandChecks.EnsureDefined((WithdrawReason)42));

        Operators.Act("operator-a");
        Assert.Equal("operator-a", CardCommandChecks.Approver("c1", "operator-b"));
        Assert.Equal(ErrorCodes.ApprovalSamePerson, Assert.Throws<DomainException>(() => CardCommandChecks.Approver("c1", "operator-a")).Code);
        DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
        Assert.Throws<ValidationFailedException>(() => CardCommandChecks.Approver("c1", "operator-b"));
    }

    private static JobRecord NewIssueJob()
    {
        var card = new CardRecord { Exists = true, Kind = CardKind.Permanent, CardType = ConfigurationDefaults.EmployeeCardType };
        return ProductionJobs.New("c1", card, CardStateTables.Permanent.Resolve("c1", UseCases.CardsProcIssue, CardState.Approved), ConfigurationDefaults.Initial(s_now), null, null, s_now);
    }
}
