namespace CardActors.Api.Contracts;

/// <summary>The query of <c>GET /users</c>: <c>state</c> active, inactive or locked; <c>q</c> matches part of the id, name, e-mail or department.</summary>
public sealed record UserSearchParameters(string? State = null, string? Q = null, int? Offset = null, int? Limit = null);
