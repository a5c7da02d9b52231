using CardActors.Grains.ClusterSecurity;

namespace CardActors.Api.Contracts;

/// <summary>A member's certificate (PEM) and the cluster CA's (PEM), which the member checks the silos with.</summary>
public sealed record MemberCertificateResponse(string Serial, ClusterRole Role, string Name, DateTimeOffset NotAfter, string Certificate, string CaCertificate);
