namespace Translate.Ir.Semantics;

/// <summary>
/// glibc's <c>random()</c> (TYPE_3: an additive feedback generator over 31 words, r[i] = r[i-31] + r[i-3]),
/// which <c>rand()</c> uses, so programs print the same numbers as when built natively with glibc.
/// Every device's <c>rand</c> is this one generator; it is safe to call from several threads.
/// </summary>
public sealed class GlibcRandom
{
    private readonly Lock _gate = new();
    // The last 34 words r[i-34] .. r[i-1], as a ring; _oldest indexes r[i-34].
    private readonly int[] _ring = new int[34];
    private int _oldest;

    public GlibcRandom() => Seed(1);

    public void Seed(uint seed)
    {
        lock (_gate) SeedLocked(seed);
    }

    private void SeedLocked(uint seed)
    {
        if (seed == 0) seed = 1; // glibc's srandom treats 0 as 1
        var r = new int[344];
        r[0] = (int)seed;
        for (int i = 1; i < 31; i++)
        {
            // 16807 * r[i-1] mod (2^31 - 1) by Schrage's method, as glibc computes it.
            long hi = r[i - 1] / 127773, lo = r[i - 1] % 127773;
            long word = 16807 * lo - 2836 * hi;
            if (word < 0) word += 2147483647;
            r[i] = (int)word;
        }
        for (int i = 31; i < 34; i++) r[i] = r[i - 31];
        for (int i = 34; i < 344; i++) r[i] = unchecked(r[i - 31] + r[i - 3]); // the first 310 outputs are discarded
        Array.Copy(r, 344 - 34, _ring, 0, 34);
        _oldest = 0;
    }

    /// <summary>The next value in [0, 2^31).</summary>
    public int Next()
    {
        lock (_gate) return NextLocked();
    }

    private int NextLocked()
    {
        int next = unchecked(_ring[(_oldest + 3) % 34] + _ring[(_oldest + 31) % 34]);
        _ring[_oldest] = next;
        _oldest = (_oldest + 1) % 34;
        return (int)((uint)next >> 1);
    }
}
