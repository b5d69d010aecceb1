namespace Translate.Fuzz.Generation;

/// <summary>The generator's only source of randomness: one seed gives one program, on any machine.</summary>
internal sealed class Rng(int seed)
{
    private readonly Random random = new(seed);

    public int Next(int exclusiveMax) => random.Next(exclusiveMax);

    public int Between(int min, int inclusiveMax) => random.Next(min, inclusiveMax + 1);

    public bool Chance(double p) => random.NextDouble() < p;

    public T Choose<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public T Pick<T>(params T[] items) => items[random.Next(items.Length)];

    /// <summary>One of <paramref name="choices"/>, each as likely as its weight.</summary>
    public T Weighted<T>(params (int Weight, T Value)[] choices)
    {
        int total = choices.Sum(c => c.Weight), roll = random.Next(total);
        foreach (var (weight, value) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }
}
