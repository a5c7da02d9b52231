namespace CardActors.Storage.PostgreSql;

/// <summary>
/// The keys of the <c>OrleansQuery</c> rows each Orleans ADO.NET provider reads at start; a provider
/// refuses to start when one of its keys is missing. From the providers' source (10.x):
/// DbStoredQueries for clustering and reminders, AdoNetGrainStorage for persistence.
/// </summary>
public static class OrleansQueryKeys
{
    public static readonly IReadOnlyList<string> Clustering =
    [
        "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    public static readonly IReadOnlyList<string> Reminders =
    [
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    /// <summary><c>DeleteStorageKey</c> is optional upstream (only for <c>DeleteStateOnClear</c>); we provide it.</summary>
    public static readonly IReadOnlyList<string> Persistence = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];
}
