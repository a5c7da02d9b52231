using CardActors.Grains.ClusterSecurity;

namespace CardActors.Api.Contracts;

/// <summary>An admin enrols a cluster member: its role, its name (a station's id) and its PKCS#10 request (PEM, or base64 DER), made with a key that stays with the member.</summary>
public sealed record MemberEnrolmentBody(ClusterRole? Role, string Name, string SigningRequest);
