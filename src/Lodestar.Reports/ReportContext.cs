namespace Lodestar.Reports;

/// <summary>What a report is about, for its heading and its note on the data.</summary>
public sealed record ReportContext(string Title, string Subtitle, string DataNote, DateTimeOffset Generated);
