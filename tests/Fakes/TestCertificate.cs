using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartnershipBot.Tests.Fakes;

/// <summary>A self-signed certificate for 127.0.0.1: the fake Entra and OpenID servers must be HTTPS (MSAL refuses http authorities).</summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Lazy = new(Create);

    public static X509Certificate2 Instance => Lazy.Value;

    /// <summary>The certificate check the bot's HTTP clients use in tests: trust exactly this certificate.</summary>
    public static bool IsTestCertificate(X509Certificate2? certificate) =>
        certificate is not null && certificate.Thumbprint == Instance.Thumbprint;

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Kestrel needs the private key in an exportable, reloadable form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
