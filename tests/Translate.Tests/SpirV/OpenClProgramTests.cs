using System.Reflection;
using Translate.Tests.OpenCl;

namespace Translate.Tests.SpirV;

/// <summary>The IR programs the OpenCL specifications run also give SPIR-V both consumers accept (or a TR07xx diagnostic).</summary>
public class OpenClProgramTests : SpirVTestBase
{
    public static TheoryData<string> ProgramNames()
    {
        var data = new TheoryData<string>();
        foreach (var m in typeof(Programs).GetMembers(BindingFlags.Public | BindingFlags.Static).Where(m => m is FieldInfo or PropertyInfo)) data.Add(m.Name);
        return data;
    }

    /// <summary>Programs with constructs not lowered yet, and the code they give.</summary>
    private static readonly IReadOnlyDictionary<string, string> Unlowered = new Dictionary<string, string>();

    private static string Text(string name) =>
        (string)(typeof(Programs).GetField(name)?.GetValue(null) ?? typeof(Programs).GetProperty(name)!.GetValue(null))!;

    [RequiresTheory(Need.SpirVValidator)]
    [MemberData(nameof(ProgramNames))]
    public void Program_passes_spirv_val(string name)
    {
        var program = CompileText(Text(name));
        if (Unlowered.TryGetValue(name, out var code))
        {
            Assert.Contains(program.Diagnostics, d => d.Code.Id == code);
            return;
        }
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.Validate(program.Binary);
        Assert.True(complaint is null, $"{complaint}\n{SpirVTools.Disassemble(program.Binary)}");
    }

    [RequiresTheory(Need.SpirVReader)]
    [MemberData(nameof(ProgramNames))]
    public void Program_is_read_back_by_llvm_spirv(string name)
    {
        var program = CompileText(Text(name));
        if (Unlowered.ContainsKey(name)) return;
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.ReadBack(program.Binary);
        Assert.True(complaint is null, complaint);
    }
}
