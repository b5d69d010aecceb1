using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Translate.Cli.Migration;

/// <summary>
/// SHA-256 of files' contents, each file read once per run: a header included by a thousand inputs is
/// hashed once. A file that cannot be read hashes to <see cref="Missing"/>, which matches no stored hash.
/// </summary>
internal sealed class ContentHashes
{
    public const string Missing = "missing";

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    public string Of(string path) => _hashes.GetOrAdd(path, static p =>
    {
        try
        {
            using var stream = File.OpenRead(p);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Missing;
        }
    });
}
