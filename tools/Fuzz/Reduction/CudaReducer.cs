using System.Text.RegularExpressions;

namespace Translate.Fuzz.Reduction;

/// <summary>
/// Shrinks a generated CUDA program while a predicate (the same difference against the oracle) still holds, in the
/// manner of C-Reduce's line passes: delete a whole block (an <c>if</c> with its <c>else</c>, a loop, a <c>case</c>),
/// keep only one arm of an if, unwrap a block into its body, delete one statement, or make an assignment's value 0 —
/// biggest edits first, until no single edit keeps the predicate or the time is up. Only the bodies of device code
/// (<c>__global__</c> and <c>__device__</c> functions) are edited, and not a thread's index (<c>unsigned gid = …;</c>):
/// host code that fills the inputs and threads that write their own slots keep the program free of reads of
/// uninitialized memory and of races, whose differences would mean nothing. For the same reason a barrier, a thread's
/// write of its own shared element and the shared accumulators' initialization are never deleted on their own (the
/// block around them may go whole). The generator writes one statement per line
/// and every block's closing brace on a line of its own, which is what makes lines the unit here.
/// </summary>
public static partial class CudaReducer
{
    public static string Reduce(string program, Func<string, bool> interesting, TimeSpan budget, Action<string>? progress = null, Action<string>? keep = null) =>
        Text(FirstImprovement.Search(program.Split('\n').ToList(), best => Edits(best).Select(e => (Func<List<string>?>)(() => e.Apply(best))),
            Text, interesting, budget, best =>
            {
                progress?.Invoke($"reduced to {best.Count} lines");
                keep?.Invoke(Text(best));
            }));

    private static string Text(List<string> lines) => string.Join("\n", lines);

    /// <summary>One edit: lines <see cref="Start"/>..<see cref="End"/> (inclusive) become <see cref="With"/>.</summary>
    private sealed record Edit(int Start, int End, IReadOnlyList<string> With)
    {
        public int Removed => End - Start + 1 - With.Count;

        public List<string> Apply(List<string> lines) => [.. lines.Take(Start), .. With, .. lines.Skip(End + 1)];
    }

    private static IEnumerable<Edit> Edits(List<string> lines)
    {
        var editable = DeviceCode(lines);
        var edits = new List<Edit>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (!editable[i]) continue;
            string line = lines[i].Trim();
            if (line.StartsWith("unsigned gid =", StringComparison.Ordinal)) continue;
            if (line == "if (threadIdx.x == 0) {" || line == "__syncthreads();" || line.StartsWith("sacc[0] = 0;", StringComparison.Ordinal)) continue;
            if (line.EndsWith('{') && !line.StartsWith('}') && Close(lines, i) is int close)
            {
                string closing = lines[close].Trim();
                bool withElse = closing.StartsWith("} else", StringComparison.Ordinal) && closing.EndsWith('{');
                int end = withElse && Close(lines, close) is int elseClose ? elseClose : close;
                if (withElse && end == close) continue;
                edits.Add(new Edit(i, end, []));
                if (withElse)
                {
                    edits.Add(new Edit(close, end, ["}"]));                                 // the if without its else
                    edits.Add(new Edit(i, end, lines[(close + 1)..end]));                  // only the else arm
                }
                if (line.StartsWith("if", StringComparison.Ordinal) || line.StartsWith("while", StringComparison.Ordinal) || line == "{")
                    edits.Add(new Edit(i, end, lines[(i + 1)..close]));                    // only the body (then arm)
            }
            else if (line.EndsWith(';') && !line.StartsWith("return", StringComparison.Ordinal) && !line.StartsWith('}'))
            {
                if (!line.StartsWith("sh[threadIdx.x] =", StringComparison.Ordinal)) edits.Add(new Edit(i, i, []));
                var value = AssignedValue().Match(lines[i]);
                if (value.Success && value.Groups["value"].Value.Trim() != "0")
                    edits.Add(new Edit(i, i, [lines[i][..value.Groups["value"].Index] + "0;"]));
            }
        }
        // Biggest first; among equals, earlier first (a stable order, so restarting at an index skips what just failed).
        return edits.OrderByDescending(e => e.Removed).ThenByDescending(e => e.End - e.Start).ThenBy(e => e.Start);
    }

    /// <summary>Which lines lie in the body of a <c>__global__</c> or <c>__device__</c> function written over several lines.</summary>
    private static bool[] DeviceCode(List<string> lines)
    {
        var inside = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            string t = lines[i];
            if (!(t.StartsWith("__global__", StringComparison.Ordinal) || t.StartsWith("__device__", StringComparison.Ordinal)) || !t.TrimEnd().EndsWith('{')) continue;
            if (Close(lines, i) is not int close) continue;
            for (int j = i + 1; j < close; j++) inside[j] = true;
            i = close;
        }
        return inside;
    }

    /// <summary>The line holding the brace that closes the block opened at the end of line <paramref name="open"/>.</summary>
    private static int? Close(List<string> lines, int open)
    {
        int d = 1;
        for (int i = open + 1; i < lines.Count; i++)
        {
            string t = lines[i].Trim();
            // The closing brace of this block starts its line ("}", "} else {", "} break;").
            if (d == 1 && t.StartsWith('}')) return i;
            d += Net(lines[i]);
            if (d <= 0) return null;
        }
        return null;
    }

    private static int Net(string line)
    {
        int n = 0;
        bool quoted = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == quote) quoted = false;
            }
            else if (c is '"' or '\'') (quoted, quote) = (true, c);
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/') break;
            else if (c == '{') n++;
            else if (c == '}') n--;
        }
        return n;
    }

    /// <summary>An assignment or initialization whose value may become 0: <c>x = …;</c>, <c>a[i] ^= …;</c>, <c>int t = …;</c>.</summary>
    [GeneratedRegex(@"^[^=()""]*[^=!<>(""]=\s*(?<value>.+);\s*$")]
    private static partial Regex AssignedValue();
}
