namespace Lodestar.ClickHouse;

/// <summary>
/// When a measure read is tried again (docs/scale-out.md, "Faults"). Reads are idempotent, so repeating one
/// is safe; but only a lost connection is worth repeating — a shard restarting, a connection reset. Errors
/// in the statement and timeouts would fail the same way again and are reported at once; a counting statement
/// refused for memory is not repeated as it was but split finer (<see cref="ClickHouseStratumCounter"/>).
/// Whatever happens, the run ends with a whole answer or an error, never a partial one.
/// </summary>
internal static class ReadRetryPolicy
{
    /// <summary>Tries per statement, the first included.</summary>
    public const int Attempts = 3;

    /// <summary>Server codes of a lost connection (ClickHouse ErrorCodes.cpp).</summary>
    private static readonly int[] ConnectionCodes =
    [
        32,  // ATTEMPT_TO_READ_AFTER_EOF: a remote shard closed the connection mid-answer
        209, // SOCKET_TIMEOUT
        210, // NETWORK_ERROR: connection refused or reset
        279, // ALL_CONNECTION_TRIES_FAILED: no replica of a shard answered
    ];

    /// <summary>Wait before attempt <paramref name="failed"/> + 1: 0.5 s, then 1 s (doubling), so a shard that restarts within ~1.5 s is caught.</summary>
    public static TimeSpan Backoff(int failed) => TimeSpan.FromMilliseconds(500 << (failed - 1));

    public static bool IsRetried(ClickHouseException e) => e.Unreachable || (e.Code is { } code && ConnectionCodes.Contains(code));

    /// <summary>The policy in one sentence, for error messages.</summary>
    public static string Describe() =>
        $"measure reads are tried {Attempts} times, {Backoff(1).TotalSeconds:0.#} s then {Backoff(2).TotalSeconds:0.#} s apart, on lost connections only; see 'Faults' in docs/scale-out.md";
}
