namespace CardActors.Grains.Tests;

internal static class Assertions
{
    /// <summary>Awaits <paramref name="call"/> and asserts it threw a domain error with <paramref name="code"/>.</summary>
    public static async Task<DomainException> RefusedAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<DomainException>(call);
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>
    /// Two answers carry the same values. Records compare their lists by reference, and every answer
    /// that crosses a grain call is a fresh copy, so they are compared by their JSON.
    /// </summary>
    public static void SameValues<T>(T expected, T actual)
        => Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(actual));
}
