namespace Lodestar.Synth;

// The scenario file as written (YAML, or JSON which YAML reads too); Scenario.Parse validates it.
// Mutable because YamlDotNet fills it by reflection.
#pragma warning disable CA1812, CA2227 // instantiated and filled by YamlDotNet
internal sealed class ScenarioDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, double>? Baseline { get; set; }

    public List<EffectDocument>? Effects { get; set; }

    internal sealed class EffectDocument
    {
        public string? Id { get; set; }

        public string? Outcome { get; set; }

        public SelectorDocument? Who { get; set; }

        public double? Difference { get; set; }

        public double? Ratio { get; set; }

        public string? Description { get; set; }
    }

    internal sealed class SelectorDocument
    {
        public List<string>? Race { get; set; }

        public bool? Rural { get; set; }

        public List<string>? Counties { get; set; }

        public string? Sex { get; set; }

        public int? MinAge { get; set; }

        public int? MaxAge { get; set; }

        public List<string>? Language { get; set; }
    }
}
#pragma warning restore CA1812, CA2227
