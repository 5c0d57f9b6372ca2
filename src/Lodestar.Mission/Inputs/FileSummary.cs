namespace Lodestar.Mission.Inputs;

/// <summary>Reconciled counts for one input file: <c>Read = Accepted + Rejected</c>; Present is false when the file is absent.</summary>
internal sealed record FileSummary(string File, bool Present, long Read, long Accepted, long Rejected, IReadOnlyList<Lodestar.Diagnostics.Diagnostic> Errors);
