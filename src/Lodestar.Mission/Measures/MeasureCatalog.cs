namespace Lodestar.Mission.Measures;

/// <summary>
/// The mission measures a model may name, with the parameters each accepts (docs/missions.md, "Measures").
/// Ids follow the anchor table in the design notes (W1–W13, R1–R9, O1–O7, S1–S8).
/// </summary>
internal static class MeasureCatalog
{
    public const string ClinicalPrefix = "clinical:";

    public static readonly IReadOnlyDictionary<string, MeasureInfo> All = new Dictionary<string, MeasureInfo>(StringComparer.Ordinal)
    {
        ["graduates-in-state"] = new("Graduates practising in the state", "W1/W2", "proportion", ["program"]),
        ["graduates-rural"] = new("Graduates practising in rural counties (RUCC 4–9)", "W5", "proportion", ["program"]),
        ["graduates-shortage-area"] = new("Graduates practising in primary-care shortage areas (HPSA)", "W6", "proportion", ["program"]),
        ["graduates-primary-care"] = new("Graduates practising primary care", "W4", "proportion", ["program"]),
        ["learner-representation"] = new("Learner representation index (share of learners ÷ share of state population)", "W7", "index", ["program", "group"]),
        ["workforce-representation"] = new("Workforce representation index (share of workforce ÷ share of state population)", "W7/R8", "index", ["role", "group"]),
        ["trial-ppr"] = new("Trial participation-to-prevalence ratio", "R1", "index", ["condition", "group"]),
        ["participants-rural"] = new("Research participants living in rural counties", "R4", "proportion", ["condition"]),
        ["community-engaged-studies"] = new("Studies with a community partner", "R9", "proportion", []),
        ["outreach-reach"] = new("People reached per 1,000 residents", "O4/O5", "per1000", ["activity", "area"]),
        ["uninsured-served"] = new("Uninsured people served", "O5", "count", ["activity"]),
        ["uninsured-share"] = new("Share of people served who are uninsured", "O5", "proportion", ["activity"]),
        ["state-death-rate-rank"] = new("State rank among 51 on the age-adjusted death rate (1 = lowest)", "S1", "rank", ["cause"]),
        ["state-progress-rank"] = new("State rank among 51 on the annual percent change of the death rate (1 = fastest fall)", "S3", "rank", ["cause"]),
        ["state-rate-ratio-to-us"] = new("State age-adjusted death rate ÷ US rate", "S4", "ratio", ["cause"]),
    };

    public static bool IsClinical(string id) => id.StartsWith(ClinicalPrefix, StringComparison.Ordinal) && id.Length > ClinicalPrefix.Length;
}
