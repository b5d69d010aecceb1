namespace Translate.Fuzz.Differential;

/// <summary>Writes a finding to the output folder: the program as generated and, when reduced, the reduced program, each headed by its verdict.</summary>
internal static class FindingStore
{
    /// <summary>Saves <paramref name="program"/> as NAME.lisp (or NAME.cu, whose comments start with <c>//</c>).</summary>
    public static string Save(string folder, string name, string program, Verdict verdict, string extension = ".lisp")
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + extension);
        string comment = extension == ".cu" ? "// " : "; ";
        string header = string.Concat(verdict.Describe().Split('\n').Take(60).Select(l => comment + l + "\n"));
        File.WriteAllText(path, header + program);
        return path;
    }
}
