namespace Translate.Fuzz.Reduction;

/// <summary>
/// The search both reducers make: try the edits of the best program in their order, keep the first whose result is still
/// interesting, and go on from there until no edit is or the time is up.
/// </summary>
internal static class FirstImprovement
{
    /// <param name="start">The program as given.</param>
    /// <param name="edits">The single edits of a program, each building its result when asked (null: not applicable).</param>
    /// <param name="text">A program as the predicate reads it.</param>
    /// <param name="interesting">Whether a candidate still shows what is being reduced.</param>
    /// <param name="budget">How long to search.</param>
    /// <param name="improved">Told each smaller program kept.</param>
    public static T Search<T>(T start, Func<T, IEnumerable<Func<T?>>> edits, Func<T, string> text, Func<string, bool> interesting,
        TimeSpan budget, Action<T>? improved = null) where T : class
    {
        var deadline = DateTime.UtcNow + budget;
        var best = start;
        // After a success the next search starts where the last one stopped: the edits before it
        // were just tried and failed. A round from the start ends the reduction only when it finds nothing.
        int from = 0;
        while (DateTime.UtcNow < deadline)
        {
            int index = -1;
            bool found = false;
            foreach (var edit in edits(best))
            {
                if (++index < from) continue;
                if (DateTime.UtcNow >= deadline) break;
                var candidate = edit();
                if (candidate is null || !interesting(text(candidate))) continue;
                best = candidate;
                found = true;
                improved?.Invoke(best);
                break;
            }
            if (found) from = index;
            else if (from > 0) from = 0;
            else break;
        }
        return best;
    }
}
