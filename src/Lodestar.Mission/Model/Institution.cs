namespace Lodestar.Mission.Model;

/// <summary>Who the mission belongs to; <paramref name="State"/> is the USPS code whose population the measures compare against.</summary>
internal sealed record Institution(string Id, string Name, string State, string Source);
