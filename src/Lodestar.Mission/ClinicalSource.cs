using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.Mission;

/// <summary>
/// Where a scorecard's <c>clinical:&lt;id&gt;</c> measures come from: a measure engine over a workspace (embedded or
/// ClickHouse; the composition root chooses), its catalog, and the calendar years to evaluate, one period each, so
/// every clinical measure has a yearly series and a trend like the non-clinical ones.
/// </summary>
/// <param name="Description">Shown on the scorecard as the clinical source ("the workspace at ws, 2021–2025").</param>
public sealed record ClinicalSource(MeasureEngine Engine, MeasureCatalog Catalog, IReadOnlyList<int> Years, string Description);
