using System.Text;
using CardActors.Grains.Production;

namespace CardActors.Grains.Tests;

/// <summary>The producer callback's signature, without a silo.</summary>
public sealed class ProducerCallbackSignatureTests
{
    [Fact]
    public void The_callback_signature_is_an_hmac_of_the_body_with_the_shared_secret()
    {
        var body = Encoding.UTF8.GetBytes("""{"eventId":"e1","orderId":"c1","status":"Produced"}""");
        var signature = ProducerCallbackSignature.Compute(body, "s3cret");
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(ProducerCallbackSignature.Verify(body, signature, "s3cret"));
        Assert.False(ProducerCallbackSignature.Verify(body, signature, "other"));
        Assert.False(ProducerCallbackSignature.Verify([.. body, (byte)' '], signature, "s3cret"));
        Assert.False(ProducerCallbackSignature.Verify(body, null, "s3cret"));
        Assert.False(ProducerCallbackSignature.Verify(body, signature, null));
        var error = Assert.Throws<DomainException>(() => ProducerCallbackSignature.EnsureValid(body, "sha256=00", "s3cret"));
        Assert.Equal((ErrorCodes.ProducerUnauthorized, ErrorKind.Unauthorized), (error.Code, error.Kind));
    }
}
