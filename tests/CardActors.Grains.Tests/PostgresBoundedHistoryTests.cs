namespace CardActors.Grains.Tests;

/// <summary><see cref="BoundedHistory"/> on PostgreSQL: its grain storage, and its own query for the pages of a user's cards.</summary>
public sealed class PostgresBoundedHistoryTests : BoundedHistory
{
    protected override bool OnPostgres => true;

    [PostgresFact]
    public Task A_user_transition_writes_as_many_bytes_with_thousands_of_cards_as_with_a_few() => A_transition_of_a_user_with_thousands_of_cards_writes_as_many_bytes_as_with_a_few();

    [PostgresFact]
    public Task Locking_a_user_with_thousands_of_cards_locks_every_lockable_one() => Locking_a_user_with_thousands_of_cards_locks_every_lockable_one_and_writes_a_small_row();

    [PostgresFact]
    public Task A_card_not_yet_in_the_search_when_its_user_is_locked_is_locked_when_it_reports() => A_card_whose_search_row_had_not_landed_when_its_user_was_locked_is_locked_when_it_reports();

    [PostgresFact]
    public Task Configuration_changes_write_one_version_and_every_version_stays_readable() => Configuration_changes_write_as_many_bytes_after_many_versions_and_every_version_stays_readable();

    [PostgresFact]
    public Task Issuing_certificates_leaves_the_ca_row_as_it_was() => Certificate_issuance_leaves_the_ca_row_as_it_was_after_hundreds_of_certificates();
}
