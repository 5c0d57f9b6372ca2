using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Views;

/// <summary>
/// A ViewDefinition that cannot be compiled or run: names the view, the offending place in it
/// (<c>select[0].column[1].path</c>) and why. A user error: the CLI prints it on one line and exits 1.
/// </summary>
public sealed class ViewDefinitionException : UserErrorException
{
    public ViewDefinitionException(string source, string path, string reason)
        : base(new Diagnostic(source, 0, path, reason))
    {
        ViewPath = path;
    }

    public ViewDefinitionException() { }

    public ViewDefinitionException(string message) : base(message) { }

    public ViewDefinitionException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Where in the view the problem is, e.g. <c>select[0].forEach</c>; empty for the view as a whole.</summary>
    public string ViewPath { get; } = "";
}
