using CardActors.Station.Personalization;

namespace CardActors.Station.Tests.Support;

internal static class TestOrders
{
    public const string Pin = "654321";
    public const string Puk = "87654321";
    public const string ManagementKey = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

    /// <summary>An RSA key for authentication (9A) and an EC key for signatures (9C), an AES-256 management key.</summary>
    public static WorkOrder Order(string? jobId = null, IReadOnlyList<SlotRequest>? slots = null)
    {
        var cardId = Guid.NewGuid().ToString();
        return new WorkOrder(jobId ?? $"{cardId}.1", cardId, true,
            slots ?? [new SlotRequest("9A", "RSA2048", "authentication"), new SlotRequest("9C", "ECCP256", "signature")],
            "AES256", Pin, Puk, ManagementKey);
    }

    public static WorkOrder EccOnly(string? jobId = null) => Order(jobId, [new SlotRequest("9A", "ECCP256", "authentication")]);
}
