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
}
