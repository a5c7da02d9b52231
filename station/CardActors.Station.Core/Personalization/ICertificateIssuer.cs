namespace CardActors.Station.Personalization;

/// <summary>A certificate authority as the station sees it: a public key in, a DER X.509 certificate out.</summary>
public interface ICertificateIssuer
{
    Task<byte[]> IssueAsync(CertificateIssueRequest request, CancellationToken cancellationToken);
}
