using System.Text.RegularExpressions;

namespace Muster.Text;

/// <summary>
/// An alternation <c>b1|b2|…</c> kept as one regex per branch, matched as the alternation would be: at the leftmost
/// position where any branch matches, the first branch that matches there wins, and the search goes on after the
/// match. Each branch finds its own starting places by its own first characters, instead of every branch being
/// tried at every place any of them could start; and a branch a text cannot match can be left out.
/// </summary>
internal sealed class Alternation(IReadOnlyList<Regex> branches)
{
    /// <summary>The branches, in order.</summary>
    public IReadOnlyList<Regex> Branches { get; } = branches;

    /// <summary>
    /// The matches in <paramref name="text"/>, leftmost first, none overlapping, as the alternation finds them;
    /// branches whose bit is clear in <paramref name="branchMask"/> are known not to match the text and are not run.
    /// </summary>
    public List<Match> Matches(string text, ulong branchMask = ulong.MaxValue)
    {
        var found = new List<Match>();
        var next = new Match?[Branches.Count];
        var position = 0;
        while (position <= text.Length)
        {
            Match? best = null;
            for (var i = 0; i < Branches.Count; i++)
            {
                if ((branchMask & (1UL << i)) == 0)
                    continue;
                // A branch's next match stands until the search passes its start; one that found none never will.
                if (next[i] is not { } cached || (cached.Success && cached.Index < position))
                    next[i] = cached = Branches[i].Match(text, position);
                if (cached.Success && (best is null || cached.Index < best.Index))
                    best = cached;
            }
            if (best is null)
                break;
            found.Add(best);
            position = best.Index + Math.Max(best.Length, 1);
        }
        return found;
    }
}
