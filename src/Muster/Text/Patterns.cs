namespace Muster.Text;

/// <summary>Settings shared by the library's regular expressions.</summary>
public static class Patterns
{
    /// <summary>
    /// How long one match may run before it is abandoned. Patterns are written to run in linear time; this is
    /// the safety net for a pathological page, generous enough that a busy machine never trips it on a normal
    /// one. A page whose analysis times out is reported as failed and the batch goes on.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}
