using Muster.Claims;

namespace Muster;

/// <summary>
/// The lower-case names a story's role and a claim's stance have everywhere outside the code: in the record, the
/// JSON of <c>extract</c> and the API, the CSV export and the console.
/// </summary>
public static class DomainNames
{
    /// <summary>The role's name (<c>article</c>, <c>teaser</c>, …).</summary>
    public static string RoleName(StoryRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The stance's name (<c>asserted</c>, <c>hedged</c>, <c>denied</c>).</summary>
    public static string StanceName(Stance stance) => stance.ToString().ToLowerInvariant();

    /// <summary>The role a name stands for, in any case.</summary>
    /// <exception cref="ArgumentException">No role has that name.</exception>
    public static StoryRole ParseRole(string name) => Enum.Parse<StoryRole>(name, ignoreCase: true);

    /// <summary>The stance a name stands for, in any case.</summary>
    /// <exception cref="ArgumentException">No stance has that name.</exception>
    public static Stance ParseStance(string name) => Enum.Parse<Stance>(name, ignoreCase: true);
}
