namespace Translate.Api;

/// <summary>A launch's configuration beyond its grid and block (CUDA's <c>&lt;&lt;&lt;grid, block, shared&gt;&gt;&gt;</c>, <c>cudaLaunchCooperativeKernel</c>).</summary>
public sealed record LaunchOptions(Dim3 Grid, Dim3 Block)
{
    /// <summary>Bytes of dynamic shared memory per block (<c>extern __shared__</c>).</summary>
    public long SharedBytes { get; init; }

    /// <summary>Every block resident at once, so <c>grid.sync()</c> works (cudaLaunchCooperativeKernel).</summary>
    public bool Cooperative { get; init; }
}
