using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CardActors.Grains.Certificates;

/// <summary>
/// The profile's certificate templates as X.509 extensions, after the PIV slots they are meant for:
/// authentication (9A: client authentication and smart card logon), signature (9C: digital
/// signature and non-repudiation, e-mail protection), key management (9D: key encipherment or
/// agreement), card authentication (9E). Another name gets a plain signing certificate, since the
/// configuration lets an administrator name templates freely.
/// </summary>
internal static class CertificateTemplates
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string SmartCardLogon = "1.3.6.1.4.1.311.20.2.2";
    private const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    private const string PivCardAuthentication = "2.16.840.1.101.3.6.8";

    public static void Apply(CertificateRequest request, string template, bool isRsa)
    {
        var (usage, purposes) = Normalize(template) switch
        {
            "authentication" or "pivauthentication" => (X509KeyUsageFlags.DigitalSignature, new[] { ClientAuthentication, SmartCardLogon }),
            "signature" or "digitalsignature" => (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, new[] { EmailProtection }),
            "keymanagement" or "encryption" => (isRsa ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.KeyAgreement, new[] { EmailProtection }),
            "cardauthentication" => (X509KeyUsageFlags.DigitalSignature, new[] { PivCardAuthentication }),
            _ => (X509KeyUsageFlags.DigitalSignature, Array.Empty<string>()),
        };
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        if (purposes.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var purpose in purposes)
            {
                oids.Add(new Oid(purpose));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }
    }

    private static string Normalize(string template) => new([.. template.ToLowerInvariant().Where(char.IsLetter)]);
}
