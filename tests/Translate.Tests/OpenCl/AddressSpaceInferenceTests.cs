using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Tests.OpenCl;

/// <summary>Where generic CUDA pointers point, as OpenCL 1.2 needs to know, and the diagnostics when it cannot be known.</summary>
public sealed class AddressSpaceInferenceTests : OpenClTestBase
{
    private static AddressSpacePlan Infer(string text) => AddressSpaceInference.Run(Check(text));

    [Fact]
    public void Kernel_pointers_are_global_shared_is_local_locals_are_private()
    {
        var plan = Infer("""
            (c-lisp
              (define-kernel ((k void) (a (ptr float)))
                (define-shared s (arr 32 float))
                (declare x float)
                (declare p (ptr float))
                (set p a)
                (declare q (ptr float))
                (set q (aptradd s 0))
                (declare r (ptr float))
                (set r (ptr-to x))
                (store r (load p))
                (store q (load r))))
            """);
        var k = Assert.Single(plan.Kernels);
        var symbols = k.Function.Symbols.ToDictionary(s => s.Name);
        Assert.Equal(MemorySpace.Global, k.SpaceOf(symbols["p"]));
        Assert.Equal(MemorySpace.Local, k.SpaceOf(symbols["q"]));
        Assert.Equal(MemorySpace.Private, k.SpaceOf(symbols["r"]));
        Assert.Empty(plan.Diagnostics);
    }

    [Fact]
    public void A_helper_is_cloned_per_combination_of_argument_spaces()
    {
        var plan = Infer(Programs.Clones);
        var clones = plan.Instances.Where(i => i.Function.Name == "sum3").ToList();
        Assert.Equal(2, clones.Count);
        Assert.Equal(["sum3_global", "sum3_local"], clones.Select(c => c.Name).Order().ToArray());
        // Callees come before their callers.
        Assert.Equal("useBoth", plan.Instances[^1].Name);
    }

    [Fact]
    public void Constant_globals_are_constant_and_the_space_flows_through_returns()
    {
        var plan = Infer("""
            (c-lisp
              (define-global (table (arr 4 float)) (addrspace 4))
              (define ((pick (ptr float)) (p (ptr float)) (i int)) (ret (ptradd p i)))
              (define-kernel ((k void) (out (ptr float)))
                (declare c (ptr float))
                (set c (call pick (aptradd table 0) 1))
                (store out (load c))))
            """);
        var k = plan.Kernels[0];
        Assert.Equal(MemorySpace.Constant, k.SpaceOf(k.Function.Symbols.Single(s => s.Name == "c")));
        Assert.Equal(MemorySpace.Constant, plan.Instances.Single(i => i.Function.Name == "pick").ReturnSpace);
    }

    [Fact]
    public void A_pointer_to_global_or_shared_memory_is_TR0501_at_the_second_assignment()
    {
        var plan = Infer("""
            (c-lisp
              (define-kernel ((k void) (a (ptr float)) (flag int))
                (define-shared s (arr 32 float))
                (declare p (ptr float))
                (set p a)
                (if (ne flag 0)
                    (set p (aptradd s 0)))
                (store p 1.0)))
            """);
        var d = Assert.Single(plan.Diagnostics);
        Assert.Equal(Codes.AddressSpaceConflict, d.Code);
        Assert.Equal(7, d.Location.Line);
        Assert.Contains("global memory and shared (local) memory", d.Message);
    }

    [Fact]
    public void A_choice_between_spaces_is_TR0501()
    {
        var plan = Infer("""
            (c-lisp
              (define-kernel ((k void) (a (ptr float)) (flag int))
                (define-shared s (arr 32 float))
                (store (cond (ne flag 0) a (aptradd s 0)) 1.0)))
            """);
        Assert.Contains(plan.Diagnostics, d => d.Code == Codes.AddressSpaceConflict && d.Location.Line == 4);
    }

    [Fact]
    public void Storing_a_shared_pointer_to_memory_is_TR0502()
    {
        var plan = Infer("""
            (c-lisp
              (define-kernel ((k void) (slots (ptr (ptr float))))
                (define-shared s (arr 32 float))
                (store slots (aptradd s 0))))
            """);
        var d = Assert.Single(plan.Diagnostics);
        Assert.Equal(Codes.NonGlobalPointerInMemory, d.Code);
        Assert.Equal(4, d.Location.Line);
    }
}
