namespace Translate.Fuzz.Differential;

/// <summary>Writes a finding to the output folder: the program as generated and, when reduced, the reduced program, each headed by its verdict.</summary>
internal static class FindingStore
{
    public static string Save(string folder, string name, string program, Verdict verdict)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".lisp");
        string header = string.Concat(verdict.Describe().Split('\n').Take(60).Select(l => "; " + l + "\n"));
        File.WriteAllText(path, header + program);
        return path;
    }
}
