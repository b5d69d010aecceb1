using Translate.Backends.Cpu;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.Interpreter;

/// <summary>
/// x86-64 inline assembly (docs/ir/asm.md) on the interpreter: each form runs as a native thunk the host assembler
/// makes, so interp prints what cpu prints. Pointer operands reach the interpreter memory they name; what cannot run
/// natively is TR0904 at the form, with the reason.
/// </summary>
public class InlineAssemblyTests
{
    /// <summary>Inputs and one output, a struct of two outputs, no output (a store through a pointer operand), a tied
    /// double operand, and a pointer output into the memory of a pointer input.</summary>
    private const string EveryShape = """
        (c-lisp
          (define-struct pair (lo int) (hi int))
          (define ((main int))
            (declare sum int)
            (set sum (asm int "movl $1, $0; addl $2, $0;" "=r,r,r" 40 2))
            (declare p (struct pair))
            (set p (asm (struct pair) "movl $2, $0; movl $3, $1;" "=r,=r,r,r" sum 7))
            (declare x int)
            (set x 0)
            (asm void "movl $1, ($0)" "r,r,~{memory}" (ptr-to x) (extractvalue p 1))
            (declare d double)
            (set d (asm double "addsd $2, $0" "=x,0,x" (double 1.5) (double 2.25)))
            (declare a (ptr int))
            (set a (alloc int 4))
            (declare q (ptr int))
            (set q (asm (ptr int) "leaq 8($1), $0" "=r,r" a))
            (store q 5)
            (call printf (string "%d %d %d %d %.2f %d\n") sum (extractvalue p 0) (extractvalue p 1) x d (load (ptradd a 2)))
            (ret 0)))
        """;

    [RequiresTheory(Need.Cpu)]
    [InlineData("interp")]
    [InlineData("cpu")]
    public void Every_shape_of_asm_prints_the_same_on_interp_and_cpu(string device) =>
        Assert.Equal("42 42 7 7 3.75 5\n", Run(device, EveryShape));

    [RequiresFact(Need.Cpu)]
    public void A_template_the_host_assembler_rejects_is_TR0904_at_the_asm()
    {
        var d = Fails("""
            (c-lisp
              (define ((main int))
                (ret (asm int "mov.u32 $0, %laneid;" "=r"))))
            """);
        Assert.Equal(3, d.Location.Line);
        Assert.Contains("host's assembler rejects it", d.Message);
    }

    [RequiresFact(Need.Cpu)]
    public void An_integer_operand_holding_an_interpreter_pointer_is_TR0904_not_a_wild_address()
    {
        var d = Fails("""
            (c-lisp
              (define ((main int))
                (declare x int)
                (asm void "movl $$1, ($0)" "r,~{memory}" (ptrtoint (ptr-to x) int64))
                (ret x)))
            """);
        Assert.Equal(4, d.Location.Line);
        Assert.Contains("integer holding the address of", d.Message);
    }

    private static CheckedModule Check(string program) => TypeChecker.Check(IrParser.ParseText(program, "test.lisp"));

    private static IDevice Device(string name) => name == "cpu" ? new CpuDevice(cacheDirectory: null) : new InterpDevice();

    private static string Run(string device, string program)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, Device(device).Run(Check(program), new RunOptions([], stdout, TextWriter.Null)));
        return stdout.ToString();
    }

    private static Diagnostic Fails(string program)
    {
        var e = Assert.Throws<DiagnosticException>(() => Run("interp", program));
        var d = Assert.Single(e.Diagnostics);
        Assert.True(d.Code == Codes.UnsupportedInput, $"expected TR0904, got: {d}");
        return d;
    }
}
