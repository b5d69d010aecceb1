namespace Translate.Tests;

/// <summary>A fact that needs what is named; skipped, with the reason shown, where one is missing.</summary>
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(params Need[] needs)
    {
        if (Requirements.Missing(needs) is { } why) Skip = why;
    }
}

/// <summary>A theory that needs what is named; skipped, with the reason shown, where one is missing.</summary>
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(params Need[] needs)
    {
        if (Requirements.Missing(needs) is { } why) Skip = why;
    }
}
