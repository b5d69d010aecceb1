using System.Text;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// What <c>translate build</c> embeds in an executable as its "GPU binary" (clang's
/// <c>-fcuda-include-gpubinary</c>): the device code of one .cu file as IR text, and the linker names
/// under which the host side registers its kernels and device variables. It is plain text ending in a
/// NUL byte, so the runtime finds its end from the pointer clang's registration hands over.
/// <code>
/// translate-device-image 1
/// link _Z9vectorAddPKfS0_Pfi vectorAdd
/// module
/// (c-lisp ...)
/// </code>
/// </summary>
public sealed record DeviceImage(string Source, string ModuleText, IReadOnlyDictionary<string, string> IrNameByLinkName)
{
    private const string Magic = "translate-device-image 1";

    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        text.Append(Magic).Append('\n');
        text.Append("source ").Append(Source).Append('\n');
        foreach (var (link, ir) in IrNameByLinkName.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append("link ").Append(link).Append(' ').Append(ir).Append('\n');
        text.Append("module\n").Append(ModuleText);
        return [.. Encoding.UTF8.GetBytes(text.ToString()), 0];
    }

    /// <summary>Reads an image; null when <paramref name="text"/> is not one (e.g. a real CUDA fat binary).</summary>
    public static DeviceImage? Parse(string text)
    {
        if (!text.StartsWith(Magic + "\n", StringComparison.Ordinal)) return null;
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        string source = "";
        int at = Magic.Length + 1;
        while (at < text.Length)
        {
            int end = text.IndexOf('\n', at);
            if (end < 0) return null;
            var line = text[at..end];
            at = end + 1;
            if (line == "module") return new DeviceImage(source, text[at..], links);
            if (line.StartsWith("source ", StringComparison.Ordinal)) source = line["source ".Length..];
            else if (line.StartsWith("link ", StringComparison.Ordinal) && line.Split(' ') is [_, var link, var ir]) links[link] = ir;
            else return null;
        }
        return null;
    }
}
