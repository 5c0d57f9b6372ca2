using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.Measures.Tests;

/// <summary>Evaluates a shipped measure over a fixture and answers "which patients are in which population".</summary>
internal static class MeasureHarness
{
    public static readonly MeasureCatalog Catalog = MeasureCatalog.Load();

    public static IReadOnlyDictionary<string, PatientSet> Run(string measureId, ClinicalFixture fixture, int year = 2025)
    {
        var context = new EvaluationContext(fixture.Build(), Catalog);
        return new MeasureEngine(context).Populations(Catalog.Get(measureId), Period.Year(year));
    }

    /// <summary>The populations patient <paramref name="id"/> belongs to, as a compact string like "IP DEN NUM".</summary>
    public static string Membership(string measureId, ClinicalFixture fixture, string id, int year = 2025)
    {
        var workspace = fixture.Build();
        var context = new EvaluationContext(workspace, Catalog);
        var sets = new MeasureEngine(context).Populations(Catalog.Get(measureId), Period.Year(year));
        var row = Enumerable.Range(0, context.PatientCount).Single(p => context.PatientId(p) == id);
        var names = new (string Code, string Short)[]
        {
            (PopulationCodes.InitialPopulation, "IP"), (PopulationCodes.Denominator, "DEN"),
            (PopulationCodes.DenominatorExclusion, "DENEX"), (PopulationCodes.Numerator, "NUM"),
            (PopulationCodes.DenominatorException, "DENEXCEP"),
        };
        var parts = names.Where(n => sets[n.Code][row]).Select(n => n.Short).ToList();
        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }
}
