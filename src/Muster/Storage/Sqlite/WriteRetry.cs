using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Runs a write unit (a whole transaction) again while SQLite answers busy or locked, with growing pauses, until it
/// succeeds or the wait runs past its bound. SQLite's own busy timeout waits within one statement; this covers what
/// it does not (a lock held for longer than one statement's wait, the busy answers SQLite gives without waiting)
/// and turns the last one into <see cref="RecordBusyException"/>.
/// </summary>
internal sealed class WriteRetry(string databasePath, TimeSpan bound)
{
    // The first pause, and the longest: pauses double from one to the other, with jitter, so two writers that
    // collided do not collide again in step.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>The longest this store waits for another writer.</summary>
    public TimeSpan Bound { get; } = bound;

    /// <summary>How many write units had to be run again: for tests that a lock was met and waited out.</summary>
    public int Retries { get; private set; }

    /// <summary>True for the answers that mean another connection holds the lock (SQLITE_BUSY, SQLITE_LOCKED and their extended codes).</summary>
    public static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6;

    /// <summary>
    /// Runs <paramref name="write"/>, again after <paramref name="rolledBack"/> each time it met a lock, until it
    /// succeeds or the bound has passed.
    /// </summary>
    /// <exception cref="RecordBusyException">The lock was still held when the bound passed.</exception>
    public T Run<T>(Func<T> write, Action? rolledBack = null)
    {
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return write();
            }
            catch (SqliteException e) when (IsBusy(e))
            {
                rolledBack?.Invoke();
                var waited = Stopwatch.GetElapsedTime(started);
                if (waited >= Bound)
                    throw new RecordBusyException(string.Create(CultureInfo.InvariantCulture,
                        $"database {databasePath} is locked by another writer; gave up after waiting {waited.TotalSeconds:0.#} s"), e);
                var jittered = pause * (0.5 + Random.Shared.NextDouble() / 2);
                Thread.Sleep(jittered < Bound - waited ? jittered : Bound - waited);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
                Retries++;
            }
        }
    }

    /// <summary>Runs <paramref name="write"/> as <see cref="Run{T}"/> does.</summary>
    public void Run(Action write, Action? rolledBack = null) => Run(() =>
    {
        write();
        return true;
    }, rolledBack);
}
