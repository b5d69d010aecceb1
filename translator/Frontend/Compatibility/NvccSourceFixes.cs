using System.Text;
using Translate.Frontend.Clang;

namespace Translate.Frontend.Compatibility;

/// <summary>One correction made to accept what nvcc accepts: where, and what was assumed.</summary>
public sealed record NvccFix(SourcePosition Position, string Description);

/// <summary>
/// Source that nvcc (EDG) accepts and clang rejects, with no clang switch to accept it, corrected in memory from
/// clang's own errors: a dependent member template called without <c>template</c>
/// (<c>vec_cast&lt;T, U&gt;::cast&lt;N&gt;(…)</c>, HeCBench attentionMultiHeadKVCache), and <c>__shared__ alignas(N)</c>
/// (a C++11 attribute after CUDA's GNU one; NVIDIA globalToShmemAsyncCopy). The user's files are never written: the
/// corrected copies reach clang through a VFS overlay (<see cref="SourceOverlay"/>), which build mode passes to the host
/// compiler too. Each correction keeps the lines where they were; columns after an inserted <c>template</c> shift.
/// </summary>
public static class NvccSourceFixes
{
    private const string MissingTemplate = "missing 'template' keyword prior to dependent template name '";
    private const string OverloadNotResolved = "reference to overloaded function could not be resolved; did you mean to call it?";
    private const string AttributeListHere = "an attribute list cannot appear here";
    private static readonly string[] StorageKeywords = ["__shared__", "__device__", "__constant__", "__managed__"];

    /// <summary>The corrected text of each user file clang's <paramref name="errors"/> point into, and the corrections;
    /// null when none of the errors is one of these. <paramref name="read"/> gives a file's current text.</summary>
    public static (Dictionary<string, string> Texts, List<NvccFix> Fixes)? Find(IEnumerable<ClangDiagnostic> errors, Func<string, string?> read)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var fixes = new List<NvccFix>();
        // Later positions first within a file, so an insertion does not move the places still to correct.
        foreach (var d in errors.Where(e => e.Severity >= ClangSeverity.Error && !e.Position.InSystemHeader && e.Position.File.Length > 0)
                     .DistinctBy(e => (e.Position.File, e.Position.Line, e.Position.Column))
                     .OrderBy(e => e.Position.File, StringComparer.Ordinal).ThenByDescending(e => e.Position.Line).ThenByDescending(e => e.Position.Column))
        {
            string file = d.Position.File;
            if (!texts.TryGetValue(file, out var text) && (text = read(file)!) is null) continue;
            int at = Offset(text, d.Position.Line, d.Position.Column);
            if (at < 0) continue;
            string? fixedText = null, description = null;
            if (d.Message.StartsWith(MissingTemplate, StringComparison.Ordinal))
            {
                string name = d.Message[MissingTemplate.Length..].TrimEnd('\'');
                (fixedText, description) = (InsertTemplate(text, at, name), $"'template' assumed before the dependent member template '{name}', as nvcc does");
            }
            else if (d.Message == OverloadNotResolved)
                (fixedText, description) = (InsertTemplate(text, at, null), "'template' assumed before a dependent member template called with template arguments, as nvcc does");
            else if (d.Message == AttributeListHere && MoveAlignas(text, at) is { } moved)
                // Every such declaration in the file, not only this one: the parses for other __CUDA_ARCH__ values
                // (and the host compiler) see code this one skipped (NVIDIA globalToShmemAsyncCopy, #if __CUDA_ARCH__ >= 700).
                (fixedText, description) = (MoveEveryAlignas(moved),
                    "alignas(...) after a CUDA memory-space keyword read as if written before it, as nvcc does (here and wherever else this file does it)");
            if (fixedText is null) continue;
            texts[file] = fixedText;
            fixes.Add(new NvccFix(d.Position, description!));
        }
        return fixes.Count == 0 ? null : (texts, fixes);
    }

    /// <summary>The character offset of 1-based <paramref name="line"/> and byte <paramref name="column"/>, or -1.</summary>
    private static int Offset(string text, int line, int column)
    {
        int start = 0;
        for (int l = 1; l < line; l++)
        {
            start = text.IndexOf('\n', start) + 1;
            if (start == 0) return -1;
        }
        int end = text.IndexOf('\n', start);
        string lineText = text[start..(end < 0 ? text.Length : end)];
        var bytes = Encoding.UTF8.GetBytes(lineText);
        if (column - 1 > bytes.Length) return -1;
        return start + Encoding.UTF8.GetCharCount(bytes, 0, column - 1);
    }

    /// <summary>
    /// From <paramref name="at"/> to the end of the statement, the first <c>:: NAME &lt;</c> (NAME given, or any) whose
    /// NAME is not preceded by <c>template</c>: the text with <c>template </c> inserted before NAME, or null.
    /// </summary>
    private static string? InsertTemplate(string text, int at, string? name)
    {
        for (int i = at; i + 1 < text.Length && text[i] is not (';' or '{' or '}'); i++)
        {
            if (text[i] != ':' || text[i + 1] != ':') continue;
            int n = SkipSpace(text, i + 2);
            int e = n;
            while (e < text.Length && (char.IsAsciiLetterOrDigit(text[e]) || text[e] == '_')) e++;
            if (e == n) continue;
            string word = text[n..e];
            if (word == "template") return null; // written already: not this error
            if (name is not null && word != name) continue;
            if (SkipSpace(text, e) is var lt && lt < text.Length && text[lt] == '<' && (lt + 1 >= text.Length || text[lt + 1] != '<'))
                return text[..n] + "template " + text[n..];
        }
        return null;
    }

    /// <summary><c>__shared__ alignas(N)</c> at <paramref name="at"/> (the alignas) becomes <c>alignas(N) __shared__</c>,
    /// the same length; null when the text there is not that.</summary>
    private static string? MoveAlignas(string text, int at)
    {
        if (string.CompareOrdinal(text, at, "alignas", 0, 7) != 0) return null;
        int open = SkipSpace(text, at + 7);
        if (open >= text.Length || text[open] != '(') return null;
        int depth = 0, close = open;
        for (; close < text.Length; close++)
        {
            if (text[close] == '(') depth++;
            else if (text[close] == ')' && --depth == 0) break;
        }
        if (close >= text.Length) return null;
        int k = at - 1;
        while (k >= 0 && char.IsWhiteSpace(text[k])) k--;
        var keyword = StorageKeywords.FirstOrDefault(w => k + 1 - w.Length >= 0 && string.CompareOrdinal(text, k + 1 - w.Length, w, 0, w.Length) == 0);
        if (keyword is null) return null;
        int kwStart = k + 1 - keyword.Length;
        string attribute = text[at..(close + 1)], between = text[(kwStart + keyword.Length)..at];
        return text[..kwStart] + attribute + between + keyword + text[(close + 1)..];
    }

    /// <summary>The text with every <c>alignas</c> that follows a CUDA memory-space keyword moved before it.</summary>
    private static string MoveEveryAlignas(string text)
    {
        for (int at = text.IndexOf("alignas", StringComparison.Ordinal); at >= 0; at = text.IndexOf("alignas", at + 7, StringComparison.Ordinal))
            if (MoveAlignas(text, at) is { } moved) text = moved;
        return text;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }
}
