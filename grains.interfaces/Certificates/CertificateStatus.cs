using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>A certificate's status, which follows its card (see <see cref="ICertificateAuthorityGrain"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertificateStatus>))]
[GenerateSerializer, Alias("CardActors.CertificateStatus")]
public enum CertificateStatus
{
    /// <summary>Not on the CRL: the card is in service (issued, active; temporary: unassigned or assigned).</summary>
    Valid,

    /// <summary>On the CRL with reason certificateHold: the card is inactive (or an assigned temporary card expired). Leaves the CRL when the card is reactivated.</summary>
    OnHold,

    /// <summary>On the CRL for good: the card was locked (by an operator or with its user), withdrawn, voided, or the certificate was superseded.</summary>
    Revoked,
}
