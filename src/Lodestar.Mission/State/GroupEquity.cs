namespace Lodestar.Mission.State;

/// <summary>One state's value of an indicator for one race/ethnicity group, with its 95% interval and the group's population (ACS).</summary>
internal sealed record GroupEquity(string Group, double Value, double Lower, double Upper, long Population);
