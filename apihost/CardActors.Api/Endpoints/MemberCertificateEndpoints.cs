using System.Security.Cryptography;
using CardActors.Api.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>
/// Admins enrol the cluster's members (silos, API hosts, stations) with the cluster's CA for mutual
/// TLS and signed calls, and revoke them. The member's key never comes here: only its PKCS#10 request.
/// </summary>
internal static class MemberCertificateEndpoints
{
    public const string MemberNotFound = "member.not-found";

    public static void Map(RouteGroupBuilder api)
    {
        var members = api.MapGroup("/cluster/certificates").WithTags("Cluster members");
        members.MapPost("", IssueAsync).RequireRoles(Admin)
            .WithSummary("Enrol a cluster member")
            .WithDescription("Certifies the key of a PKCS#10 request (PEM or base64 DER; its signature must verify) for a Silo, ApiHost or Station named `name` "
                + "(the certificate's common name; a station's id). Valid a year. Answers the certificate and the CA's, both PEM.");
        members.MapPost("/{serial}/revocation", RevokeAsync).RequireRoles(Admin)
            .WithSummary("Revoke a cluster member's certificate")
            .WithDescription("For good: the serial goes on the CRL, and silos refuse the member at TLS and on every call within seconds. Idempotent; 404 member.not-found for a serial that is no member's.");
    }

    private static ICertificateAuthorityGrain Ca(IGrainFactory grains) => grains.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);

    private static async Task<Created<MemberCertificateResponse>> IssueAsync(MemberEnrolmentBody body, IGrainFactory grains)
    {
        new RequestValidation().Text("name", body.Name)
            .Check("signingRequest", !string.IsNullOrWhiteSpace(body.SigningRequest), "The field is required and must not be empty.")
            .Check("role", body.Role is not null, "Required: Silo, ApiHost or Station.").ThrowIfInvalid();
        var issued = await Ca(grains).IssueMemberCertificateAsync(new MemberCertificateRequest(body.Role!.Value, body.Name, Der(body.SigningRequest)));
        var ca = await Ca(grains).GetCertificateAsync();
        return TypedResults.Created($"/cluster/certificates/{issued.Serial}", new MemberCertificateResponse(issued.Serial, issued.Role, issued.Name, issued.NotAfter,
            PemEncoding.WriteString("CERTIFICATE", issued.Certificate) + "\n", PemEncoding.WriteString("CERTIFICATE", ca) + "\n"));
    }

    private static async Task<NoContent> RevokeAsync(string serial, IGrainFactory grains)
    {
        if (!await Ca(grains).RevokeMemberCertificateAsync(serial))
        {
            throw new DomainException(MemberNotFound, ErrorKind.NotFound, $"No cluster member has certificate {serial}.", new Dictionary<string, string> { ["serial"] = serial });
        }

        return TypedResults.NoContent();
    }

    private static byte[] Der(string request)
    {
        try
        {
            var text = request.AsSpan().Trim();
            if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                var fields = PemEncoding.Find(text);
                return Convert.FromBase64String(text[fields.Base64Data].ToString());
            }

            return Convert.FromBase64String(text.ToString());
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new ValidationFailedException("signingRequest", "must be a PEM CERTIFICATE REQUEST or base64 DER");
        }
    }
}
