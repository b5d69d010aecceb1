using Translate.Frontend.Ptx;

namespace Translate.Tests.Frontend;

/// <summary>The PTX reader of inline-asm templates: operand substitution, escapes, braces and .reg, guards, numbers,
/// and the asm statement's own text (template, constraints, clobbers).</summary>
public sealed class PtxReaderTests
{
    [Fact]
    public void Operands_are_substituted_and_double_percent_names_a_register()
    {
        var s = PtxReader.ReadTemplate("mov.u32 %0, %%laneid;", 1);
        var i = Assert.IsType<PtxInstruction>(Assert.Single(s));
        Assert.Equal("mov", i.Opcode);
        Assert.Equal(["u32"], i.Modifiers);
        Assert.Equal(new PtxOperandRef(0), i.Operands[0]);
        Assert.Equal(new PtxRegister("%laneid"), i.Operands[1]);
    }

    [Fact]
    public void Symbolic_names_refer_to_their_operand()
    {
        var i = Assert.IsType<PtxInstruction>(Assert.Single(PtxReader.ReadTemplate("add.s32 %[out], %[a], 1;", 2, ["out", "a"])));
        Assert.Equal([new PtxOperandRef(0), new PtxOperandRef(1), new PtxInteger(1)], i.Operands);
    }

    [Fact]
    public void Braces_scope_register_declarations_and_hold_several_instructions()
    {
        var s = PtxReader.ReadTemplate("{\n\t.reg .pred p;\n\t.reg .b32 r<2>;\n\tsetp.ne.u32 p, %1, 0;\n\t@!p mov.b32 %0, r1;\n}", 2);
        var block = Assert.IsType<PtxBlock>(Assert.Single(s));
        var predicate = Assert.IsType<PtxRegisterDeclaration>(block.Statements[0]);
        Assert.Equal("pred", predicate.Type);
        Assert.Equal(["p"], predicate.Names);
        Assert.Equal(["r0", "r1"], Assert.IsType<PtxRegisterDeclaration>(block.Statements[1]).Names);
        var guarded = Assert.IsType<PtxInstruction>(block.Statements[3]);
        Assert.Equal(new PtxRegister("p"), guarded.Guard);
        Assert.True(guarded.GuardNegated);
    }

    [Fact]
    public void Addresses_vectors_and_immediates_are_read()
    {
        var i = Assert.IsType<PtxInstruction>(Assert.Single(PtxReader.ReadTemplate("ld.global.v2.f32 {%0, _}, [%1+8];", 2)));
        Assert.Equal(new PtxSink(), Assert.IsType<PtxVector>(i.Operands[0]).Elements[1]);
        var back = Assert.IsType<PtxInstruction>(Assert.Single(PtxReader.ReadTemplate("ld.global.f32 %0, [%1+-8];", 2))); // as LLVM writes it
        Assert.Equal(new PtxAddress(new PtxOperandRef(1), -8), back.Operands[1]);
        var j = Assert.IsType<PtxInstruction>(Assert.Single(PtxReader.ReadTemplate("st.global.f32 [%0-8], 0f3F800000; // one", 1)));
        Assert.Equal(new PtxAddress(new PtxOperandRef(0), -8), j.Operands[0]);
        Assert.Equal(new PtxFloat(1.0, true), j.Operands[1]);
        var k = Assert.IsType<PtxInstruction>(PtxReader.ReadTemplate("mov.b32 %0, 0xff; mov.b32 %0, -017", 1)[1]);
        Assert.Equal(new PtxInteger(-15), k.Operands[1]);
    }

    [Theory]
    [InlineData("mov.u32 %2, 1;", "'%2' names no operand")]
    [InlineData("{ mov.u32 %0, 1;", "'{', '[' or '(' is not closed")]
    [InlineData("mov.u32 %0, %=;", "'%='")]
    [InlineData(".shared .b32 x;", "the directive '.shared' is not read")]
    [InlineData("ld.global.f32 %0, [%0", "PTX syntax")]
    public void What_it_cannot_read_is_an_error_naming_it(string template, string reason) =>
        Assert.Contains(reason, Assert.Throws<PtxException>(() => PtxReader.ReadTemplate(template, 1)).Message);

    [Fact]
    public void The_statement_text_gives_template_constraints_and_clobbers()
    {
        var s = AsmStatementSyntax.Read("asm volatile (\"mov.u64 %0, \"\n \"%1;\\n\" : \"=l\"(t) : [in] \"l\"(f(a, b)) : \"memory\");");
        Assert.Equal("mov.u64 %0, %1;\n", s.Template);
        Assert.Equal([new AsmOperandSyntax(null, "=l", true), new AsmOperandSyntax("in", "l", false)], s.Operands);
        Assert.Equal(["memory"], s.Clobbers);
        Assert.Contains("macro", Assert.Throws<PtxException>(() => AsmStatementSyntax.Read("PTX_MOV(x);")).Message);
    }
}
