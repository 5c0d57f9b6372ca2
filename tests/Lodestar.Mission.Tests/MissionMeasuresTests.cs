using Lodestar.Equity;
using Lodestar.Geography;
using Lodestar.Mission.Inputs;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Tests;

public sealed class MissionMeasuresTests
{
    private static readonly UsState Ms = CountyRegistry.Default.GetState("MS");
    private static readonly County Rural = Ms.Counties.First(c => c.IsRural);
    private static readonly County Urban = Ms.Counties.First(c => !c.IsRural);
    private static readonly County Shortage = Ms.Counties.First(c => c.IsPrimaryCareShortageArea);

    private static MissionInputs Inputs(
        IReadOnlyList<Learner>? learners = null, IReadOnlyList<WorkforceMember>? workforce = null, IReadOnlyList<Study>? studies = null,
        IReadOnlyList<Participant>? participants = null, IReadOnlyList<Prevalence>? prevalence = null, IReadOnlyList<OutreachActivity>? outreach = null) =>
        new(learners ?? [], workforce ?? [], studies ?? [], participants ?? [], prevalence ?? [], outreach ?? [], []);

    private static MeasureResult Compute(MissionInputs inputs, string measure, params (string Key, string Value)[] parameters) =>
        new MissionMeasures(inputs, Ms, ClinicalResults.None).Compute(new MeasureTarget(measure,
            parameters.ToDictionary(p => p.Key, p => p.Value), null, null, 0, 2030, GoalDirection.HigherIsBetter, "o", null));

    private static Learner Grad(string id, string? state, string? county, string? specialty = null, string program = "md", string group = "white") =>
        new(id, program, 2016, 2020, "female", group, null, state, county, specialty);

    [Fact]
    public void Graduates_in_state_is_the_share_of_graduates_in_practice_located_in_the_state_with_a_Wilson_interval()
    {
        var learners = Enumerable.Range(0, 10).Select(i => Grad($"L{i}", i < 7 ? "MS" : "TN", null))
            .Append(Grad("notyet", null, null))                 // not in practice: not in the denominator
            .Append(Grad("dds", "MS", null, program: "dmd"))    // another programme: filtered out
            .ToArray();
        var r = Compute(Inputs(learners), "graduates-in-state", ("program", "md"));
        var expected = Proportions.Wilson(7, 10);
        Assert.Equal(new YearValue(2020, 0.7, expected.Lower, expected.Upper, 7, 10), r.Latest);
    }

    [Fact]
    public void Rural_and_shortage_area_practice_use_the_county_registry()
    {
        var learners = new[] { Grad("a", "MS", Rural.Fips), Grad("b", "MS", Urban.Fips), Grad("c", "MS", Urban.Fips), Grad("d", "MS", Shortage.Fips), Grad("e", "MS", null) };
        var rural = Compute(Inputs(learners), "graduates-rural").Latest!;
        Assert.Equal(4, rural.Denominator);
        Assert.Equal((1 + (Shortage.IsRural ? 1 : 0)) / 4.0, rural.Value);
        var hpsa = Compute(Inputs(learners), "graduates-shortage-area").Latest!;
        Assert.Equal(new[] { Rural, Urban, Urban, Shortage }.Count(c => c.IsPrimaryCareShortageArea) / 4.0, hpsa.Value);
    }

    [Fact]
    public void Primary_care_counts_the_Mullan_specialties()
    {
        var learners = new[]
        {
            Grad("a", "MS", null, "family-medicine"), Grad("b", "MS", null, "general-pediatrics"), Grad("c", "TN", null, "cardiology"),
            Grad("d", "MS", null, "psychiatry"), Grad("e", "MS", null, null),
        };
        Assert.Equal(0.5, Compute(Inputs(learners), "graduates-primary-care").Latest!.Value);
    }

    [Fact]
    public void Representation_index_is_the_cohort_share_over_the_state_share()
    {
        var learners = Enumerable.Range(0, 100).Select(i => new Learner($"L{i}", "md", 2024, null, "female", i < 20 ? "black" : "white", null, null, null, null))
            .Append(new Learner("u", "md", 2024, null, "male", "unknown", null, null, null, null))  // unknown race/ethnicity leaves the cohort total
            .ToArray();
        var r = Compute(Inputs(learners), "learner-representation", ("group", "black"));
        Assert.Equal(Denominators.RepresentationIndex(20, 100, Ms, OmbGroup.Black), r.Latest!.Value, 12);
        var wilson = Proportions.Wilson(20, 100);
        Assert.Equal(wilson.Lower / Ms.Share(OmbGroup.Black), r.Latest.Lower, 12);
        // Headline without a group: the lowest index among groups at least 1% of the state (Hispanic, absent here, is 0).
        var lowest = Compute(Inputs(learners), "learner-representation");
        Assert.Equal(0, lowest.Latest!.Value);
        Assert.Equal(Denominators.RepresentationIndex(80, 100, Ms, OmbGroup.White), lowest.Groups.Single(g => g.Group == "white").Value, 12);
    }

    [Fact]
    public void Workforce_representation_filters_by_role_and_year()
    {
        var people = Enumerable.Range(0, 50).Select(i => new WorkforceMember($"F{i}", "faculty", 2025, "male", i < 5 ? "black" : "white"))
            .Concat(Enumerable.Range(0, 50).Select(i => new WorkforceMember($"S{i}", "staff", 2025, "male", "black"))).ToArray();
        var r = Compute(Inputs(workforce: people), "workforce-representation", ("role", "faculty"), ("group", "black"));
        Assert.Equal(0.1 / Ms.Share(OmbGroup.Black), r.Latest!.Value, 12);
    }

    [Fact]
    public void Participation_to_prevalence_ratio_divides_by_the_prevalence_share()
    {
        var studies = new[] { new Study("S1", "t", "diabetes", 2024, true), new Study("S2", "t", "asthma", 2024, false) };
        var participants = Enumerable.Range(0, 100).Select(i => new Participant($"P{i}", "S1", 2024, "female", i < 30 ? "black" : "white", null))
            .Concat(Enumerable.Range(0, 10).Select(i => new Participant($"Q{i}", "S2", 2024, "female", "black", null))).ToArray();
        var prevalence = new[] { new Prevalence("diabetes", "black", 0.5), new Prevalence("diabetes", "white", 0.5) };
        var r = Compute(Inputs(studies: studies, participants: participants, prevalence: prevalence), "trial-ppr", ("condition", "diabetes"));
        Assert.Equal(0.6, r.Latest!.Value, 12);               // lowest group: 0.30 / 0.50
        Assert.Equal(1.4, r.Groups.Single(g => g.Group == "white").Value, 12);
        Assert.Equal(0.5, Compute(Inputs(studies: studies), "community-engaged-studies").Latest!.Value);
    }

    [Fact]
    public void Reach_per_1000_uses_the_county_populations_for_the_year_and_splits_by_rurality()
    {
        var outreach = new[]
        {
            new OutreachActivity("E1", new DateOnly(2023, 5, 1), "telehealth", Rural.Fips, "black", "no", 300),
            new OutreachActivity("E1", new DateOnly(2023, 5, 1), "telehealth", Rural.Fips, "white", "yes", 700),
            new OutreachActivity("E2", new DateOnly(2023, 6, 1), "free-clinic", Urban.Fips, "white", "no", 50),
            new OutreachActivity("E3", new DateOnly(2023, 6, 1), "telehealth", "01001", "white", "no", 999),  // out of state: ignored
        };
        var rural = Compute(Inputs(outreach: outreach), "outreach-reach", ("activity", "telehealth"), ("area", "rural")).Latest!;
        var ruralPopulation = Ms.Counties.Where(c => c.IsRural).Sum(c => c.Population.ForYear(2023));
        Assert.Equal(1000 * 1000.0 / ruralPopulation, rural.Value, 9);
        var exact = Rates.Crude(1000, ruralPopulation, 1000);
        Assert.Equal((exact.Lower, exact.Upper), (rural.Lower, rural.Upper));
        var all = Compute(Inputs(outreach: outreach), "outreach-reach");
        Assert.Equal(1050 * 1000.0 / Ms.Counties.Sum(c => c.Population.ForYear(2023)), all.Latest!.Value, 9);
        Assert.Contains(all.Groups, g => g.Group.StartsWith("rural", StringComparison.Ordinal) && g.Count == 1000);
        Assert.Equal(350, Compute(Inputs(outreach: outreach), "uninsured-served").Latest!.Value);
        Assert.Equal(50, Compute(Inputs(outreach: outreach), "uninsured-served", ("activity", "free-clinic")).Latest!.Value);
        Assert.Equal(350 / 1050.0, Compute(Inputs(outreach: outreach), "uninsured-share").Latest!.Value, 12);
    }

    [Fact]
    public void Empty_inputs_give_no_value_and_say_why()
    {
        var r = Compute(Inputs(), "graduates-in-state");
        Assert.Null(r.Latest);
        Assert.NotNull(r.Note);
    }
}
