namespace Lodestar.Fhir.Reading;

/// <summary>How the reader behaves.</summary>
public sealed record FhirReaderOptions
{
    /// <summary>Stop at the first problem: <see cref="FhirReader.Read"/> throws a UserErrorException naming it.</summary>
    public bool Strict { get; init; }

    /// <summary>How many files are read at once (each by one worker). Defaults to the number of cores.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Reject a resource whose type and id were already read (keeps a 64-bit hash per resource: ~20 bytes each).</summary>
    public bool RejectDuplicates { get; init; } = true;

    /// <summary>Warn, after reading, about subject/patient/beneficiary references to patients that never arrived.</summary>
    public bool CheckPatientReferences { get; init; } = true;

    /// <summary>
    /// For an <see cref="IFhirRowHandler"/>, compute the views' rows in one pass over each record's bytes where that gives
    /// exactly the same rows (the default); off, every record is parsed into a JsonDocument first (for comparisons).
    /// </summary>
    public bool OnePassRows { get; init; } = true;

    /// <summary>Optional live counters to poll for a progress display.</summary>
    public FhirReadProgress? Progress { get; init; }
}
