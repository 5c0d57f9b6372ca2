namespace Lodestar.Mission.Measures;

/// <summary>A measure's value for one group (race/ethnicity, rurality, county) in the latest year.</summary>
internal sealed record GroupValue(string Group, double Value, double Lower, double Upper, long Count);
