namespace Lodestar.Mission.Model;

/// <summary>Which way a measure should move for the mission to be served.</summary>
internal enum GoalDirection
{
    HigherIsBetter,
    LowerIsBetter,
}
