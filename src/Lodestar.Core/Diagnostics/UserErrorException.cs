namespace Lodestar.Diagnostics;

/// <summary>
/// The one exception type for mistakes a user can fix (bad arguments, bad input files, bad definitions).
/// The CLI maps it to exit code 1 and prints only its message; anything else is an internal error (exit 2).
/// </summary>
public class UserErrorException : Exception
{
    public UserErrorException(string message) : base(message) { }

    public UserErrorException(Diagnostic diagnostic) : base(diagnostic.ToString()) => Diagnostic = diagnostic;

    public UserErrorException(string message, Exception inner) : base(message, inner) { }

    public UserErrorException() { }

    public Diagnostic? Diagnostic { get; }
}
