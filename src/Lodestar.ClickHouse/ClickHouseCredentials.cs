using Lodestar.Diagnostics;

namespace Lodestar.ClickHouse;

/// <summary>
/// The ClickHouse user and password Lodestar sends with every request, as the
/// <c>X-ClickHouse-User</c>/<c>X-ClickHouse-Key</c> headers (so they never appear in a URL, a server's
/// query log or an error message). They come from the environment — <c>LODESTAR_CLICKHOUSE_USER</c> and
/// <c>LODESTAR_CLICKHOUSE_PASSWORD</c>, or <c>LODESTAR_CLICKHOUSE_PASSWORD_FILE</c> naming a file whose
/// first line is the password — never from the command line, where they would sit in shell history and
/// process listings. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class ClickHouseCredentials
{
    public const string UserVariable = "LODESTAR_CLICKHOUSE_USER";
    public const string PasswordVariable = "LODESTAR_CLICKHOUSE_PASSWORD";
    public const string PasswordFileVariable = "LODESTAR_CLICKHOUSE_PASSWORD_FILE";

    public ClickHouseCredentials(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Any(char.IsControl) || password.Any(c => c is '\r' or '\n'))
        {
            // A header value cannot hold line breaks; refuse rather than send a mangled secret.
            throw new UserErrorException($"{UserVariable}/{PasswordVariable}: line breaks are not allowed in a ClickHouse user or password");
        }
        User = user;
        Password = password;
    }

    public string User { get; }

    internal string Password { get; }

    /// <summary>
    /// Credentials from the environment, or null when none are set (ClickHouse's passwordless
    /// <c>default</c> user). A password without a user means user <c>default</c>.
    /// </summary>
    public static ClickHouseCredentials? FromEnvironment(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        var user = NullIfEmpty(variable(UserVariable));
        var password = NullIfEmpty(variable(PasswordVariable));
        var file = NullIfEmpty(variable(PasswordFileVariable));
        if (password is not null && file is not null)
        {
            throw new UserErrorException($"set {PasswordVariable} or {PasswordFileVariable}, not both");
        }
        if (file is not null)
        {
            password = ReadPasswordFile(file);
        }
        if (user is null && password is null)
        {
            return null;
        }
        return new ClickHouseCredentials(user ?? "default", password ?? "");
    }

    public override string ToString() => $"user '{User}' (password {(Password.Length == 0 ? "empty" : "set")})";

    private static string ReadPasswordFile(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            return reader.ReadLine() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{PasswordFileVariable}: cannot read '{file}': {e.Message}");
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
