using CardActors.Grains.Internal;
using CardActors.Grains.Persistence;

namespace CardActors.Grains.Certificates;

/// <summary>One issued certificate and its status (see <see cref="IIssuedCertificateGrain"/>).</summary>
[GrainType("issued-certificate")]
public sealed class IssuedCertificateGrain([PersistentState("certificate")] IPersistentState<IssuedCertificateRecord> state) : Grain, IIssuedCertificateGrain
{
    public Task<IssuedCertificateRecord> GetAsync() => Task.FromResult(state.State);

    public Task StoreAsync(IssuedCertificateRecord certificate)
    {
        var serial = certificate.Card?.Serial ?? certificate.Member?.Serial;
        if (serial is null || (certificate.Card is not null && certificate.Member is not null) || !this.GetPrimaryKeyString().EndsWith("/" + serial, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Not one certificate whose serial is the key of grain {this.GetPrimaryKeyString()}.", nameof(certificate));
        }

        return state.WriteOrKeepAsync(certificate);
    }

    public async Task<CertificateRecord?> ApplyStatusAsync(CertificateStatusChange change, DateTimeOffset now)
    {
        var card = state.State.Card;
        if (card is null || card.CardId != change.CardId || card.Status == CertificateStatus.Revoked || change.CardVersion <= card.StatusVersion)
        {
            return card;
        }

        // The version is stored even when the status stays, so that a late, older change cannot apply over it.
        var next = card with { Status = change.Status, StatusVersion = change.CardVersion, StatusSince = card.Status == change.Status ? card.StatusSince : now };
        await state.WriteOrKeepAsync(state.State with { Card = next });
        return next;
    }

    public async Task<MemberCertificateRecord?> RevokeMemberAsync(DateTimeOffset at)
    {
        if (state.State.Member is not { RevokedAt: null } member)
        {
            return state.State.Member;
        }

        await state.WriteOrKeepAsync(state.State with { Member = member with { RevokedAt = at } });
        return state.State.Member;
    }
}
