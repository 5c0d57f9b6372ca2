using Lodestar.Mission.Inputs;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Scorecards;

/// <summary>A mission model with every measure computed, plus the input counts it was computed from.</summary>
internal sealed record Scorecard(MissionModel Mission, IReadOnlyList<MeasureCard> Cards, IReadOnlyList<FileSummary> Inputs, string ClinicalSource);
