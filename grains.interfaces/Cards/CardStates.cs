namespace CardActors.Grains;

/// <summary>The names of <see cref="CardState"/>s as domain.md and the API write them.</summary>
public static class CardStates
{
    /// <summary>"in production" for <see cref="CardState.InProduction"/>, otherwise the lower-case name.</summary>
    public static string ToDomainName(this CardState state)
        => state == CardState.InProduction ? "in production" : state.ToString().ToLowerInvariant();

    public static bool TryParseDomainName(string name, out CardState state)
    {
        var compact = name.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(compact, ignoreCase: true, out state) && Enum.IsDefined(state);
    }
}
