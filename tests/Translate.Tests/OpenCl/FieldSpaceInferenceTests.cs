using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;

namespace Translate.Tests.OpenCl;

/// <summary>
/// Struct pointer fields on OpenCL 1.2: a field every store agrees on is declared with that space (CUB-style
/// reference members to __shared__ storage, closures holding private pointers); a struct whose objects are written
/// where those stores are not seen keeps global-only fields, and a shared or private pointer stored there is TR0502.
/// </summary>
public sealed class FieldSpaceInferenceTests : OpenClTestBase
{
    private static AddressSpacePlan Infer(string text) => AddressSpaceInference.Run(Check(text), fieldSpaces: true);

    private const string Holder = """
          (define-struct Holder (tile (ptr float)) (n int))
          (define ((Holder_put void) (this (ptr (struct Holder))) (i int) (v float))
            (store (ptradd (load (sptradd this tile)) i) v))
        """;

    [Fact]
    public void A_field_given_only_pointers_into_shared_memory_points_into_local_memory_where_it_is_read()
    {
        var plan = Infer($$"""
            (c-lisp
              {{Holder}}
              (define-kernel ((k void))
                (define-shared s (arr 32 float))
                (declare h (struct Holder))
                (store (sptradd (ptr-to h) tile) (aptradd s 0))
                (call Holder_put (ptr-to h) 1 2.0)))
            """);
        Assert.Empty(plan.Diagnostics);
        Assert.Equal(MemorySpace.Local, plan.Fields!.SpaceOf("Holder", "tile"));
    }

    [Fact]
    public void A_field_written_from_a_struct_value_made_in_place_takes_its_elements_spaces()
    {
        var plan = Infer($$"""
            (c-lisp
              {{Holder}}
              (define-kernel ((k void))
                (declare own (arr 4 float))
                (declare h (struct Holder))
                (store (ptr-to h) (make (struct Holder) (aptradd own 0) 4))
                (call Holder_put (ptr-to h) 1 2.0)))
            """);
        Assert.Empty(plan.Diagnostics);
        Assert.Equal(MemorySpace.Private, plan.Fields!.SpaceOf("Holder", "tile"));
    }

    [Fact]
    public void Two_spaces_in_one_field_are_TR0501_reported_once_at_a_store_into_it()
    {
        var plan = Infer($$"""
            (c-lisp
              {{Holder}}
              (define-kernel ((k void) (a (ptr float)))
                (define-shared s (arr 32 float))
                (declare h (struct Holder))
                (store (sptradd (ptr-to h) tile) (aptradd s 0))
                (declare g (struct Holder))
                (store (sptradd (ptr-to g) tile) a)))
            """);
        var d = Assert.Single(plan.Diagnostics);
        Assert.Equal(Codes.AddressSpaceConflict, d.Code);
        Assert.Contains("field 'tile' of 'Holder'", d.Message);
    }

    [Theory]
    [InlineData("a struct in global memory", "(define-kernel ((k void) (p (ptr (struct Holder)))) (define-shared s (arr 32 float)) (store (sptradd p tile) (aptradd s 0)))")]
    [InlineData("a kernel argument", "(define-kernel ((k void) (v (struct Holder))) (define-shared s (arr 32 float)) (declare h (struct Holder)) (store (sptradd (ptr-to h) tile) (aptradd s 0)))")]
    [InlineData("copied as bytes", "(define-kernel ((k void) (out (ptr int8))) (define-shared s (arr 32 float)) (declare h (struct Holder)) (store (sptradd (ptr-to h) tile) (aptradd s 0)) (store out (load (bitcast (ptr-to h) (ptr int8)))))")]
    [InlineData("a pointer field's address kept", "(define-kernel ((k void)) (define-shared s (arr 32 float)) (declare h (struct Holder)) (declare pp (ptr (ptr float))) (set pp (sptradd (ptr-to h) tile)) (store pp (aptradd s 0)))")]
    public void A_struct_written_where_its_stores_are_not_seen_keeps_global_fields_and_a_shared_pointer_there_is_TR0502(string why, string kernel)
    {
        var plan = Infer($"(c-lisp (define-struct Holder (tile (ptr float)) (n int)) {kernel})");
        Assert.True(plan.Fields!.IsOpaque("Holder"), why);
        Assert.Equal(MemorySpace.Global, plan.Fields.SpaceOf("Holder", "tile"));
        Assert.Contains(plan.Diagnostics, d => d.Code == Codes.NonGlobalPointerInMemory);
    }

    [Fact]
    public void Without_field_spaces_a_shared_pointer_stored_in_a_field_stays_TR0502()
    {
        var plan = AddressSpaceInference.Run(Check($$"""
            (c-lisp
              {{Holder}}
              (define-kernel ((k void))
                (define-shared s (arr 32 float))
                (declare h (struct Holder))
                (store (sptradd (ptr-to h) tile) (aptradd s 0))))
            """));
        Assert.Null(plan.Fields);
        Assert.Equal(Codes.NonGlobalPointerInMemory, Assert.Single(plan.Diagnostics).Code);
    }
}
