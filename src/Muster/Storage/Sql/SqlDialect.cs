namespace Muster.Storage.Sql;

/// <summary>Which words of a claim a text filter looks in.</summary>
internal enum ClaimText
{
    /// <summary>The evidence.</summary>
    Evidence,
    /// <summary>The party it is attributed to, and its relays.</summary>
    Source,
}

/// <summary>
/// The few things the SQL of the record says differently on each backend: everything else is the same standard
/// SQL, run by the shared parts (<see cref="DocumentWriter"/>, <see cref="ClaimQueries"/>, <see cref="SqlEventLinks"/>).
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The column that numbers stories and clusters in the order they were stored.</summary>
    public abstract string InsertOrder { get; }

    /// <summary>A subquery listing the ids bound to <paramref name="parameter"/> by <see cref="Ids"/>.</summary>
    public abstract string IdsIn(string parameter);

    /// <summary>A list of ids as the parameter of <see cref="IdsIn"/>.</summary>
    public abstract object Ids(IEnumerable<long> ids);

    /// <summary>A condition on claim <c>c</c>: its words of <paramref name="field"/> match <paramref name="parameter"/>.</summary>
    public abstract string ClaimTextCondition(ClaimText field, string parameter);

    /// <summary>The value of a <see cref="ClaimTextCondition"/>'s parameter for the user's words (a phrase, the last word a prefix).</summary>
    public abstract object ClaimTextValue(ClaimText field, string text);

    /// <summary>Remembers an evidence of a cluster once (<c>@cl, @t, @ev, @e</c>); a second time changes nothing.</summary>
    public abstract string InsertClusterEvidence { get; }

    /// <summary>Moves the distinct evidences of cluster <c>@m</c> into <c>@t</c>, keeping the one already there.</summary>
    public abstract string MergeClusterEvidence { get; }
}
