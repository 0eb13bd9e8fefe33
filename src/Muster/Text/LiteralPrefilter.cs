using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Muster.Text;

/// <summary>
/// A cheap test that tells when a case-insensitive regular expression cannot match a text: the literals that
/// any match must contain (as an and/or formula), found for many patterns at once by one Aho–Corasick scan of
/// the text. Only the "cannot match" answer is trusted; the pattern still decides every match. A pattern the
/// analysis does not understand gets a condition that always holds.
/// </summary>
/// <remarks>
/// Literals are compared in invariant lower case. The regex engine's case-insensitive matching equates a few
/// characters with a letter although their lower case is another character (the Kelvin sign and "k", old
/// Cyrillic letter forms); a text that holds one of those is never ruled out.
/// </remarks>
internal sealed class LiteralPrefilter
{
    /// <summary>Literals shorter than this are not looked for: a condition on them always holds.</summary>
    private const int MinLiteral = 3;

    /// <summary>Exact-string sets larger than this become conditions.</summary>
    private const int MaxExact = 64;

    // The automaton as a table: state × character class → state. Characters are classed by their invariant
    // lower case; class 0 is every character no literal holds, which leads back to the start.
    private readonly ushort[] _classOf;
    private readonly int _classes;
    private readonly int[] _next;
    private readonly int[]?[] _output;
    private readonly int _literalCount;
    private readonly SearchValues<char> _odd;

    private LiteralPrefilter(ushort[] classOf, int classes, int[] next, int[]?[] output, int literalCount, SearchValues<char> odd)
    {
        _classOf = classOf;
        _classes = classes;
        _next = next;
        _output = output;
        _literalCount = literalCount;
        _odd = odd;
    }

    /// <summary>The literals present in <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public Present Scan(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        if (span.IndexOfAny(_odd) >= 0)
            return Present.All;
        var found = new ulong[(_literalCount + 63) / 64];
        var classOf = _classOf;
        var next = _next;
        var output = _output;
        var classes = _classes;
        var state = 0;
        foreach (var c in span)
        {
            state = next[state * classes + classOf[c]];
            if (output[state] is { } literals)
                foreach (var literal in literals)
                    found[literal >> 6] |= 1UL << literal;
        }
        return new Present(found);
    }

    /// <summary>The literals a scan found, or all of them.</summary>
    public sealed class Present
    {
        private readonly ulong[]? _found;

        internal Present(ulong[]? found) => _found = found;

        /// <summary>Every literal counts as present: the text could not be scanned faithfully.</summary>
        public static Present All { get; } = new(null);

        internal bool Has(int literal) => _found is null || (_found[literal >> 6] & (1UL << literal)) != 0;

        /// <summary>True when any literal of <paramref name="mask"/> is present.</summary>
        internal bool Intersects(SparseMask mask)
        {
            if (_found is null)
                return true;
            var words = mask.Words;
            var bits = mask.Bits;
            for (var i = 0; i < words.Length; i++)
                if (words[i] < _found.Length && (bits[i] & _found[words[i]]) != 0)
                    return true;
            return false;
        }

        /// <summary>True when any literal of <paramref name="mask"/> is present.</summary>
        internal bool Intersects(ulong[] mask)
        {
            if (_found is null)
                return true;
            for (var i = 0; i < mask.Length && i < _found.Length; i++)
                if ((mask[i] & _found[i]) != 0)
                    return true;
            return false;
        }
    }

    /// <summary>A set of literals as the non-zero words of a bit mask: a test costs as many words as the set spans.</summary>
    internal readonly struct SparseMask
    {
        public readonly int[] Words;
        public readonly ulong[] Bits;

        public SparseMask(IEnumerable<int> literals)
        {
            var byWord = literals.GroupBy(l => l >> 6).OrderBy(g => g.Key).ToList();
            Words = byWord.Select(g => g.Key).ToArray();
            Bits = byWord.Select(g => g.Aggregate(0UL, (m, l) => m | 1UL << l)).ToArray();
        }
    }

    /// <summary>What a match needs: literals, combined with and/or; <see cref="Always"/> when nothing is known.</summary>
    public abstract class Condition
    {
        /// <summary>The condition that always holds.</summary>
        public static Condition Always { get; } = new AlwaysCondition();

        /// <summary>True when the pattern may match a text with these literals present.</summary>
        public abstract bool Holds(Present present);

        /// <summary>
        /// Literals of which a text must hold at least one for the condition to hold (one conjunct of the
        /// formula, the smallest), or null when no such set is known.
        /// </summary>
        internal virtual int[]? Anchor() => null;

        /// <summary>The length of the shortest literal in <see cref="Anchor"/>, or 0.</summary>
        internal virtual int ShortestLiteral() => 0;

        private sealed class AlwaysCondition : Condition
        {
            public override bool Holds(Present present) => true;
        }
    }

    private sealed class LiteralCondition(int id, int length) : Condition
    {
        public int Id => id;

        /// <summary>The literal's length: a longer literal is rarer in text, a better anchor.</summary>
        public int Length => length;

        public override bool Holds(Present present) => present.Has(id);

        internal override int[]? Anchor() => [id];

        internal override int ShortestLiteral() => length;
    }

    private sealed class AndCondition(Condition[] all) : Condition
    {
        // The conjunct whose literals are rarest (their shortest is longest; then the fewest): an anchor of "the" or
        // "men" would let the pattern through on almost every sentence.
        internal override int[]? Anchor() =>
            all.Select(c => (Anchor: c.Anchor(), Shortest: c.ShortestLiteral()))
                .Where(a => a.Anchor is not null)
                .OrderByDescending(a => a.Shortest).ThenBy(a => a.Anchor!.Length)
                .Select(a => a.Anchor).FirstOrDefault();

        internal override int ShortestLiteral() =>
            all.Where(c => c.Anchor() is not null).Select(c => c.ShortestLiteral()).DefaultIfEmpty(0).Max();

        public override bool Holds(Present present)
        {
            foreach (var c in all)
                if (!c.Holds(present))
                    return false;
            return true;
        }
    }

    private sealed class OrCondition : Condition
    {
        private readonly Condition[] _any;

        // When every alternative is a literal, one mask over the scan's bits answers at once: the lexicons' word
        // alternatives (вруч*|разнос*|выда*) make many such conditions, tested for every pattern of every sentence.
        private readonly ulong[]? _mask;

        public OrCondition(Condition[] any)
        {
            _any = any;
            if (any.All(c => c is LiteralCondition))
            {
                var ids = any.Cast<LiteralCondition>().Select(c => c.Id).ToArray();
                _mask = new ulong[ids.Max() / 64 + 1];
                foreach (var id in ids)
                    _mask[id >> 6] |= 1UL << id;
            }
        }

        internal override int ShortestLiteral() => _any.Min(c => c.ShortestLiteral());

        internal override int[]? Anchor()
        {
            var union = new HashSet<int>();
            foreach (var c in _any)
            {
                if (c.Anchor() is not { } anchor)
                    return null;
                union.UnionWith(anchor);
            }
            return union.Order().ToArray();
        }

        public override bool Holds(Present present)
        {
            if (_mask is not null)
                return present.Intersects(_mask);
            foreach (var c in _any)
                if (c.Holds(present))
                    return true;
            return false;
        }
    }

    private sealed class Node
    {
        public Dictionary<char, int> Next = [];
        public int Fail;
    }

    /// <summary>Collects patterns, then builds one scanner for all their literals.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _literals = new(StringComparer.Ordinal);

        /// <summary>
        /// The condition for a pattern matched with <see cref="RegexOptions.IgnoreCase"/> and
        /// <see cref="RegexOptions.CultureInvariant"/> (and no other option that changes its meaning).
        /// </summary>
        public Condition Add(string pattern)
        {
            try
            {
                return ToCondition(new Parser(pattern).Run(this));
            }
            catch (NotSupportedException)
            {
                return Condition.Always;
            }
        }

        /// <summary>A condition that holds when any of <paramref name="conditions"/> does.</summary>
        public static Condition AnyOf(IEnumerable<Condition> conditions)
        {
            var list = conditions.ToArray();
            return list.Length == 1 ? list[0] : list.Any(c => c == Condition.Always) ? Condition.Always : new OrCondition(list);
        }

        /// <summary>Builds the scanner.</summary>
        public LiteralPrefilter Build()
        {
            var nodes = new List<Node> { new() };
            var outputs = new List<List<int>> { new() };
            foreach (var (literal, id) in _literals)
            {
                var state = 0;
                foreach (var c in literal)
                {
                    if (!nodes[state].Next.TryGetValue(c, out var next))
                    {
                        next = nodes.Count;
                        nodes.Add(new Node());
                        outputs.Add([]);
                        nodes[state].Next[c] = next;
                    }
                    state = next;
                }
                outputs[state].Add(id);
            }
            // Failure links, breadth first; each node's output takes its failure node's.
            var queue = new Queue<int>();
            foreach (var child in nodes[0].Next.Values)
                queue.Enqueue(child);
            while (queue.Count > 0)
            {
                var state = queue.Dequeue();
                foreach (var (c, child) in nodes[state].Next)
                {
                    var fail = nodes[state].Fail;
                    while (fail != 0 && !nodes[fail].Next.ContainsKey(c))
                        fail = nodes[fail].Fail;
                    nodes[child].Fail = nodes[fail].Next.TryGetValue(c, out var f) && f != child ? f : 0;
                    outputs[child].AddRange(outputs[nodes[child].Fail]);
                    queue.Enqueue(child);
                }
            }
            // The table: a state's move on a character it has no edge for is its failure state's move.
            var alphabet = _literals.Keys.SelectMany(l => l).Distinct().Order().ToArray();
            var classOf = new ushort[char.MaxValue + 1];
            for (var i = 0; i < alphabet.Length; i++)
                classOf[alphabet[i]] = (ushort)(i + 1);
            for (var c = 0; c <= char.MaxValue; c++)
                if (classOf[c] == 0 && classOf[char.ToLowerInvariant((char)c)] is var lower and not 0)
                    classOf[c] = lower;
            var classes = alphabet.Length + 1;
            var table = new int[nodes.Count * classes];
            var order = new List<int> { 0 };
            for (var i = 0; i < order.Count; i++)
                order.AddRange(nodes[order[i]].Next.Values);
            foreach (var state in order) // breadth first: a failure state's row is ready before it is needed
            {
                for (var k = 1; k < classes; k++)
                {
                    var c = alphabet[k - 1];
                    table[state * classes + k] = nodes[state].Next.TryGetValue(c, out var child) ? child
                        : state == 0 ? 0 : table[nodes[state].Fail * classes + k];
                }
            }
            var output = outputs.Select(o => o.Count == 0 ? null : o.Distinct().ToArray()).ToArray();
            return new LiteralPrefilter(classOf, classes, table, output, _literals.Count, SearchValues.Create(OddCharacters(alphabet.ToHashSet())));
        }

        private Condition ToCondition(Info info)
        {
            if (info.Exact is null)
                return info.Match;
            if (info.Exact.Any(s => s.Length < MinLiteral))
                return Condition.Always;
            var ids = info.Exact.Select(Literal).ToArray();
            return ids.Length == 1 ? ids[0] : new OrCondition(ids);
        }

        private Condition Literal(string text)
        {
            if (!_literals.TryGetValue(text, out var id))
                _literals[text] = id = _literals.Count;
            return new LiteralCondition(id, text.Length);
        }

        private Condition And(Condition a, Condition b) =>
            a == Condition.Always ? b : b == Condition.Always ? a : new AndCondition([a, b]);

        private Condition Or(Condition a, Condition b) =>
            a == Condition.Always || b == Condition.Always ? Condition.Always : new OrCondition([a, b]);

        // What a sub-pattern can match: the exact set of (lower-case) strings when small, else a condition.
        private sealed record Info(HashSet<string>? Exact, Condition Match);

        private Info FromExact(HashSet<string> exact) =>
            exact.Count <= MaxExact ? new Info(exact, Condition.Always) : new Info(null, ToCondition(new Info(exact, Condition.Always)));

        private static readonly Info Anything = new(null, Condition.Always);

        private static Info Empty() => new([""], Condition.Always);

        private Info Alternate(Info a, Info b)
        {
            if (a.Exact is not null && b.Exact is not null)
                return FromExact(a.Exact.Concat(b.Exact).ToHashSet(StringComparer.Ordinal));
            return new Info(null, Or(ToCondition(a), ToCondition(b)));
        }

        private Info Repeat(Info a, int min, int? max)
        {
            if (min == 0 && max == 1)
                return a.Exact is not null ? FromExact([.. a.Exact, ""]) : Anything;
            if (min == 0)
                return Anything;
            if (min == 1 && max == 1)
                return a;
            return new Info(null, ToCondition(a));
        }

        private sealed class Parser(string pattern)
        {
            private int _at;
            private Builder _builder = null!;

            internal Info Run(Builder builder)
            {
                _builder = builder;
                var info = Alternation();
                if (_at != pattern.Length)
                    throw new NotSupportedException("unbalanced parenthesis");
                return info;
            }

            private Info Alternation()
            {
                var info = Sequence();
                while (_at < pattern.Length && pattern[_at] == '|')
                {
                    _at++;
                    info = _builder.Alternate(info, Sequence());
                }
                return info;
            }

            // Exact runs are joined while they stay small ("f", "o", … → "forcibl"); a part that is not exact
            // ends the run, and the sequence needs each run and each part.
            private Info Sequence()
            {
                var need = Condition.Always;
                HashSet<string>? run = [""];
                var exact = true;
                while (_at < pattern.Length && pattern[_at] is not ('|' or ')'))
                {
                    var part = Quantified(Atom());
                    if (part.Exact is not null)
                    {
                        if (run.Count * part.Exact.Count <= MaxExact)
                            run = run.SelectMany(x => part.Exact.Select(y => x + y)).ToHashSet(StringComparer.Ordinal);
                        else
                        {
                            need = _builder.And(need, _builder.ToCondition(new Info(run, Condition.Always)));
                            run = part.Exact;
                            exact = false;
                        }
                        continue;
                    }
                    need = _builder.And(need, _builder.ToCondition(new Info(run, Condition.Always)));
                    need = _builder.And(need, part.Match);
                    run = [""];
                    exact = false;
                }
                return exact ? new Info(run, Condition.Always) : new Info(null, _builder.And(need, _builder.ToCondition(new Info(run, Condition.Always))));
            }

            private Info Quantified(Info atom)
            {
                if (_at >= pattern.Length)
                    return atom;
                int min;
                int? max;
                switch (pattern[_at])
                {
                    case '*':
                        (min, max) = (0, null);
                        _at++;
                        break;
                    case '+':
                        (min, max) = (1, null);
                        _at++;
                        break;
                    case '?':
                        (min, max) = (0, 1);
                        _at++;
                        break;
                    case '{' when TryBraces(out min, out max):
                        break;
                    default:
                        return atom;
                }
                if (_at < pattern.Length && pattern[_at] == '?')
                    _at++; // lazy: matches the same strings
                if (_at < pattern.Length && pattern[_at] is '*' or '+' or '?' or '{')
                    throw new NotSupportedException("nested quantifier");
                return _builder.Repeat(atom, min, max);
            }

            private bool TryBraces(out int min, out int? max)
            {
                var close = pattern.IndexOf('}', _at);
                min = 0;
                max = null;
                if (close < 0)
                    return false;
                var inside = pattern[(_at + 1)..close];
                var comma = inside.IndexOf(',');
                if (comma < 0)
                {
                    if (!int.TryParse(inside, System.Globalization.NumberStyles.None, null, out min))
                        return false;
                    max = min;
                }
                else
                {
                    if (!int.TryParse(inside[..comma], System.Globalization.NumberStyles.None, null, out min))
                        return false;
                    var rest = inside[(comma + 1)..];
                    if (rest.Length > 0)
                    {
                        if (!int.TryParse(rest, System.Globalization.NumberStyles.None, null, out var m))
                            return false;
                        max = m;
                    }
                }
                _at = close + 1;
                return true;
            }

            private Info Atom()
            {
                var c = pattern[_at];
                switch (c)
                {
                    case '(':
                        return Group();
                    case '[':
                        return Class();
                    case '\\':
                        return Escape();
                    case '.':
                        _at++;
                        return Anything;
                    case '^' or '$':
                        _at++;
                        return Empty();
                    case '*' or '+' or '?':
                        throw new NotSupportedException("quantifier without operand");
                    default:
                        _at++;
                        return Char(c);
                }
            }

            private Info Char(char c) => new([char.ToLowerInvariant(c).ToString()], Condition.Always);

            private Info Group()
            {
                _at++; // (
                var lookaround = false;
                if (_at < pattern.Length && pattern[_at] == '?')
                {
                    var rest = pattern.AsSpan(_at);
                    if (rest.StartsWith("?:") || rest.StartsWith("?>"))
                        _at += 2;
                    else if (rest.StartsWith("?=") || rest.StartsWith("?!"))
                    {
                        _at += 2;
                        lookaround = true;
                    }
                    else if (rest.StartsWith("?<=") || rest.StartsWith("?<!"))
                    {
                        _at += 3;
                        lookaround = true;
                    }
                    else if (rest.StartsWith("?<") || rest.StartsWith("?'"))
                    {
                        var close = pattern.IndexOf(rest[1] == '<' ? '>' : '\'', _at + 2);
                        if (close < 0)
                            throw new NotSupportedException("group name");
                        var name = pattern[(_at + 2)..close];
                        if (name.Length == 0 || name.Contains('-') || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                            throw new NotSupportedException("balancing group");
                        _at = close + 1;
                    }
                    else
                        throw new NotSupportedException("inline options or conditionals");
                }
                var inner = Alternation();
                if (_at >= pattern.Length || pattern[_at] != ')')
                    throw new NotSupportedException("unbalanced parenthesis");
                _at++;
                // A lookaround consumes nothing and may be negative: it requires nothing of the text.
                return lookaround ? Empty() : inner;
            }

            private Info Escape()
            {
                if (_at + 1 >= pattern.Length)
                    throw new NotSupportedException("trailing backslash");
                var c = pattern[_at + 1];
                _at += 2;
                switch (c)
                {
                    case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                        return Empty();
                    case 'w' or 'W' or 'd' or 'D' or 's' or 'S':
                        return Anything;
                    case 'p' or 'P':
                        var close = pattern.IndexOf('}', _at);
                        if (close < 0)
                            throw new NotSupportedException("category");
                        _at = close + 1;
                        return Anything;
                    case 'n':
                        return Char('\n');
                    case 't':
                        return Char('\t');
                    case 'r':
                        return Char('\r');
                    case 'f':
                        return Char('\f');
                    case 'v':
                        return Char('\v');
                    case 'e':
                        return Char('\u001b');
                    case 'u' when _at + 4 <= pattern.Length && ushort.TryParse(pattern.AsSpan(_at, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var u):
                        _at += 4;
                        return Char((char)u);
                    case 'x' when _at + 2 <= pattern.Length && byte.TryParse(pattern.AsSpan(_at, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var x):
                        _at += 2;
                        return Char((char)x);
                    default:
                        if (char.IsLetterOrDigit(c))
                            throw new NotSupportedException($"escape \\{c}");
                        return Char(c);
                }
            }

            private Info Class()
            {
                _at++; // [
                var negated = _at < pattern.Length && pattern[_at] == '^';
                if (negated)
                    _at++;
                var chars = new HashSet<string>(StringComparer.Ordinal);
                var wide = negated;
                var first = true;
                while (true)
                {
                    if (_at >= pattern.Length)
                        throw new NotSupportedException("unclosed class");
                    var c = pattern[_at];
                    if (c == ']' && !first)
                    {
                        _at++;
                        break;
                    }
                    first = false;
                    if (c == '-' && _at + 1 < pattern.Length && pattern[_at + 1] == '[')
                        throw new NotSupportedException("class subtraction");
                    char? single = null;
                    if (c == '\\')
                    {
                        if (_at + 1 >= pattern.Length)
                            throw new NotSupportedException("trailing backslash");
                        var e = pattern[_at + 1];
                        _at += 2;
                        if (e is 'p' or 'P')
                        {
                            var close = pattern.IndexOf('}', _at);
                            if (close < 0)
                                throw new NotSupportedException("category");
                            _at = close + 1;
                            wide = true;
                        }
                        else if (e is 'w' or 'W' or 'd' or 'D' or 's' or 'S')
                            wide = true;
                        else if (char.IsLetterOrDigit(e))
                            throw new NotSupportedException($"escape \\{e} in a class");
                        else
                            single = e;
                    }
                    else
                    {
                        single = c;
                        _at++;
                    }
                    if (single is not { } s)
                        continue;
                    // A range: "a-z" (a "-" before "]" is itself).
                    if (_at + 1 < pattern.Length && pattern[_at] == '-' && pattern[_at + 1] != ']')
                    {
                        var to = pattern[_at + 1];
                        if (to == '\\')
                            throw new NotSupportedException("escaped range end");
                        _at += 2;
                        if (to - s > MaxExact)
                            wide = true;
                        else
                            for (var ch = s; ch <= to; ch++)
                                chars.Add(char.ToLowerInvariant(ch).ToString());
                        continue;
                    }
                    chars.Add(char.ToLowerInvariant(s).ToString());
                }
                return wide ? Anything : _builder.FromExact(chars);
            }
        }

        /// <summary>
        /// The characters that the regex engine, ignoring case under the invariant culture, takes for one of
        /// <paramref name="alphabet"/> (lower case) although their invariant lower case differs.
        /// </summary>
        private static char[] OddCharacters(HashSet<char> alphabet) =>
            alphabet.SelectMany(OddFor).Distinct().ToArray();

        // Per letter, computed once for all scanners (each scan of every character costs a regex construction).
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<char, char[]> Odd = new();

        private static readonly Lazy<string> EveryCharacter = new(() =>
            string.Create(char.MaxValue + 1, 0, (span, _) =>
            {
                for (var c = 0; c <= char.MaxValue; c++)
                    span[c] = (char)c;
            }));

        private static char[] OddFor(char letter) => Odd.GetOrAdd(letter, static letter =>
        {
            if (char.ToUpperInvariant(letter) == letter && char.ToLowerInvariant(letter) == letter && !char.IsLetter(letter))
                return []; // no case: only itself can match it
            var same = new Regex("[" + Regex.Escape(letter.ToString()).Replace("]", "\\]").Replace("-", "\\-") + "]",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            var odd = new List<char>();
            foreach (Match match in same.Matches(EveryCharacter.Value))
                if (char.ToLowerInvariant(match.Value[0]) != letter)
                    odd.Add(match.Value[0]);
            return odd.ToArray();
        });
    }
}
