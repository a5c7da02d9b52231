using System.Security.Cryptography;
using CardActors.Api.Idempotency;

namespace CardActors.Api.Endpoints;

/// <summary>
/// The cluster CA's public side: its certificate and its CRL, for anyone who checks a card's
/// certificate (a relying party cannot hold an API key, and neither is secret). No auth.
/// </summary>
internal static class CertificateAuthorityEndpoints
{
    public const string CrlMediaType = "application/pkix-crl";
    public const string CertificateMediaType = "application/pkix-cert";
    public const string PemMediaType = "application/x-pem-file";

    public static void Map(RouteGroupBuilder api)
    {
        var ca = api.MapGroup("/ca").WithTags("Certificate authority").AllowAnonymous().WithoutIdempotencyRecord();

        ca.MapGet("/certificate", async (string? format, IGrainFactory g) =>
            {
                var der = await Ca(g).GetCertificateAsync();
                return string.Equals(format, "der", StringComparison.OrdinalIgnoreCase)
                    ? Results.Bytes(der, CertificateMediaType, "cardactors-ca.cer")
                    : Results.Text(PemEncoding.WriteString("CERTIFICATE", der) + "\n", PemMediaType);
            })
            .Produces(StatusCodes.Status200OK, contentType: PemMediaType, additionalContentTypes: CertificateMediaType)
            .WithSummary("The CA's certificate")
            .WithDescription("PEM by default, DER with ?format=der. Created with the CA's key on first use. No API key needed.");
        ca.MapGet("/crl", async (IGrainFactory g) => Results.Bytes(await Ca(g).GetCrlAsync(), CrlMediaType, "cardactors-ca.crl"))
            .Produces(StatusCodes.Status200OK, contentType: CrlMediaType)
            .WithSummary("The CA's certificate revocation list (DER)")
            .WithDescription("Signed anew, with the next CRL number, whenever a card changes its certificates' status: on hold (certificateHold) while the card is inactive, "
                + "revoked when it is locked, withdrawn or its user locked; valid certificates are not listed. Valid for 7 days, re-signed after 3.5. No API key needed.");
    }

    private static ICertificateAuthorityGrain Ca(IGrainFactory grains) => grains.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);
}
