using System.Reflection;
using Translate.Ir.Diagnostics;

namespace Translate.Tests.Verification;

/// <summary>docs/ir/diagnostics.md lists every diagnostic code exactly as the code defines it.</summary>
public class DiagnosticTableTests
{
    [Fact]
    public void Every_code_has_its_row_in_the_diagnostics_page()
    {
        string page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "ir", "diagnostics.md"));
        var missing = typeof(Codes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticCode))
            .Select(f => (Name: f.Name, Code: (DiagnosticCode)f.GetValue(null)!))
            .Select(c => $"| {c.Code.Id} | {c.Code.Severity.ToString().ToLowerInvariant()} | {c.Code.Title} | `{c.Name}` |")
            .Where(row => !page.Contains(row))
            .ToList();
        Assert.Empty(missing);
    }
}
