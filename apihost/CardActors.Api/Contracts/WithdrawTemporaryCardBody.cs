namespace CardActors.Api.Contracts;

/// <summary>Withdraw a temporary card (<c>TempCardsProcWithdraw</c>): <c>lost</c> keeps the permanent card inactive, <c>noLongerNeeded</c> reactivates it.</summary>
public sealed record WithdrawTemporaryCardBody(WithdrawReason Reason);
