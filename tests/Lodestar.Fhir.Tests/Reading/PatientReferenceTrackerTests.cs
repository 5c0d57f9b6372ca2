using System.Text;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

public sealed class PatientReferenceTrackerTests
{
    private static readonly FhirSource A = new("/in/A.ndjson", FhirSourceFormat.Ndjson, false, 0);
    private static readonly FhirSource B = new("/in/B.ndjson", FhirSourceFormat.Ndjson, false, 0);

    private static FhirResource Encounter(FhirSource source, long line) => new(source, line, "Encounter", $"e{line}", default, 0);

    [Fact]
    public void A_missing_patient_is_reported_at_its_earliest_reference_whatever_order_the_references_arrive_in()
    {
        // Chunks of one file are read in parallel, so a later line can be seen first (CI saw line 420 reported, not 4).
        var tracker = new PatientReferenceTracker();
        tracker.ObserveReference(Encounter(B, 2), "Patient/ghost"u8); // bytes, first sight: the string path adds it
        tracker.ObserveReference(Encounter(A, 420), "Patient/ghost"u8); // bytes, pending: settled from the bytes
        tracker.ObserveReference(Encounter(A, 4), "Patient/ghost"u8);
        tracker.ObserveReference(Encounter(A, 9), "Patient/ghost"u8);
        tracker.ObserveReference(Encounter(A, 30), "Patient/gh\u00f6st");
        tracker.ObserveReference(Encounter(A, 7), Encoding.UTF8.GetBytes("Patient/gh\u00f6st")); // non-ASCII: the string path
        tracker.ObserveReference(Encounter(A, 8), "urn:uuid:gh\u00f6st");

        Assert.Equal(
            ["/in/A.ndjson:4: subject: references Patient/ghost (4 times in the input), which never arrives",
             "/in/A.ndjson:7: subject: references Patient/ghöst (3 times in the input), which never arrives"],
            tracker.Missing().Select(d => d.Diagnostic.ToString()));
    }

    [Fact]
    public void References_counted_from_many_threads_keep_the_earliest_location_and_every_count()
    {
        var tracker = new PatientReferenceTracker();
        var lines = Enumerable.Range(1, 20_000).Select(i => (long)i).OrderBy(i => (i * 7919) % 20_011).ToArray();
        Parallel.ForEach(lines, new ParallelOptions { MaxDegreeOfParallelism = 4 }, line =>
        {
            tracker.ObserveReference(Encounter(line % 2 == 0 ? A : B, line), "Patient/ghost"u8);
            tracker.ObserveReference(Encounter(B, line), "Patient/other"u8);
        });

        Assert.Equal(
            ["/in/A.ndjson:2: subject: references Patient/ghost (20000 times in the input), which never arrives",
             "/in/B.ndjson:1: subject: references Patient/other (20000 times in the input), which never arrives"],
            tracker.Missing().Select(d => d.Diagnostic.ToString()));
    }
}
