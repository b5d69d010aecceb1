using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>What is not lifted exactly is reported with its TR04xx code at the CUDA line, never lifted wrongly.</summary>
public class UnsupportedConstructTests : FrontendTestBase
{
    private const string Main = "\nint main() { return 0; }\n";

    [Fact]
    public void A_goto_into_a_block_is_TR0403()
    {
        var r = Lift("__global__ void k(int *p) {\n  *p += 1;\n  if (*p < 3) goto inside;\n  { inside: *p = 1; }\n}" + Main);
        ExpectDiagnostic(r, Codes.UnsupportedStatement, 3);
        Assert.Contains(r.Functions, f => f.IrName == "k" && !f.Translated);
    }

    /// <summary>
    /// NVIDIA alignedTypes: <c>__align__(16)</c> on a 12-byte struct makes clang's size 16; the IR struct gets a
    /// padding member so it is 16 bytes too (tests/programs/cxx/alignedStructs.cu runs it). A larger alignment
    /// alone (same size) needs none.
    /// </summary>
    [Fact]
    public void A_struct_padded_by_an_alignment_attribute_gets_explicit_padding()
    {
        var r = Lift("typedef struct __align__(16) { unsigned r, g, b; } RGB32;\n__global__ void k(RGB32 *o, const RGB32 *i) {\n  o[threadIdx.x] = i[threadIdx.x];\n}" + Main);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == Codes.UnsupportedType);
        var rgb = Assert.Single(r.Module!.Structs, s => s.Name == "RGB32");
        Assert.Equal(["r", "g", "b", "__pad_12"], rgb.Fields.Select(f => f.Name));
        var ok = Lift("struct __align__(16) V4 { float x, y, z, w; };\n__global__ void k(V4 *o, const V4 *i) {\n  o[threadIdx.x] = i[threadIdx.x];\n}" + Main);
        Assert.Equal(4, Assert.Single(ok.Module!.Structs, s => s.Name == "V4").Fields.Count);
    }

    /// <summary>A bit-field's default member initializer (C++20), which libclang 19 does not show, is TR0405 at the field
    /// rather than lost (bit-fields themselves are translated: tests/programs/bitFields.cu).</summary>
    [Fact]
    public void A_bit_field_default_initializer_is_TR0405_at_the_field()
    {
        var r = Lift("struct Flags {\n  unsigned a : 3 = 5;\n  unsigned b : 29;\n};\n__global__ void k(Flags *f) { f->b = 1; }" + Main);
        ExpectDiagnostic(r, Codes.UnsupportedType, 2);
        Assert.Contains(r.Diagnostics, d => d.Code == Codes.UnsupportedType && d.Message.Contains("bit-field 'a'"));
    }

    /// <summary>A brace list naming a nested member or an array element is TR0404, never assigned by position.</summary>
    [Fact]
    public void Nested_and_array_designators_are_TR0404()
    {
        var nested = Lift("struct In { int x, y; };\nstruct Out { In in; int z; };\n__global__ void k(int *p) {\n  Out o = {.in.y = 2};\n  *p = o.in.y;\n}" + Main);
        ExpectDiagnostic(nested, Codes.UnsupportedExpression, 4);
        var array = Lift("__global__ void k(int *p) {\n  int a[4] = {[2] = 5};\n  *p = a[2];\n}" + Main);
        ExpectDiagnostic(array, Codes.UnsupportedExpression, 2);
    }

    /// <summary>Braces left out around array elements are put back (tests/programs/braceElisionElements.cu runs them),
    /// except around a union, a class with bit-fields or one with bases, where the lifter does not follow C++'s rules:
    /// those are refused with that reason, in a kernel (TR0404) and in a global (TR0406), never regrouped wrongly.</summary>
    [Fact]
    public void Braces_left_out_around_unions_and_classes_with_bases_are_refused_with_that_reason()
    {
        const string Reason = "leaves out the braces around";
        var union = Lift("union U { int i; float f; };\n__global__ void k(int *p) {\n  U u[2] = {1, 2};\n  *p = u[1].i;\n}" + Main);
        ExpectDiagnostic(union, Codes.UnsupportedExpression, 3);
        Assert.Contains(union.Diagnostics, d => d.Message.Contains(Reason) && d.Message.Contains("'U'"));
        var derived = Lift("struct B { int b; };\nstruct D : B { int d; };\n__global__ void k(int *p) {\n  D s[2] = {1, 2, 3, 4};\n  *p = s[1].d;\n}" + Main);
        ExpectDiagnostic(derived, Codes.UnsupportedExpression, 4);
        var global = Lift("struct Bits { unsigned a : 4, b : 4; };\n__device__ Bits g[2] = {1, 2, 3, 4};\n__global__ void k(unsigned *p) {\n  *p = g[1].b;\n}" + Main);
        ExpectDiagnostic(global, Codes.UnsupportedDeclaration, 2);
        Assert.Contains(global.Diagnostics, d => d.Message.Contains(Reason) && d.Message.Contains("Bits"));
    }

    /// <summary>Braces left out around class and array elements, in a kernel and in a global, lift with no diagnostic.</summary>
    [Fact]
    public void Braces_left_out_around_class_and_array_elements_are_put_back()
    {
        var r = Lift("struct S { int a, b; };\n__device__ float2 pts[2] = {0.5f, 1.5f, 2.5f, 3.5f};\n"
            + "__global__ void k(int *p) {\n  S s[2] = {1, 2, 3, 4};\n  float m[2][2] = {1, 2, 3, 4};\n  dim3 d[2] = {4, 5};\n  *p = s[1].a + (int)m[1][0] + (int)pts[1].y + (int)d[1].y;\n}" + Main);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
    }

    /// <summary>A global array whose class elements a converting constructor makes (<c>__device__ Cx g[2] = {1, 2}</c> with
    /// a constexpr <c>Cx(int)</c>) is refused with that reason (TR0406): a global's elements are folded constants, and
    /// taking the value for the class gave an internal type error.</summary>
    [Fact]
    public void A_global_array_of_classes_made_by_a_converting_constructor_is_refused_with_that_reason()
    {
        var r = Lift("struct Cx { int v; constexpr __host__ __device__ Cx(int x) : v(x + 1) {} };\n__device__ Cx g[2] = {1, 2};\n"
            + "__global__ void k(int *p) {\n  *p = g[1].v;\n}" + Main);
        ExpectDiagnostic(r, Codes.UnsupportedDeclaration, 2);
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("converting constructor"));
    }

    /// <summary>A global whose class elements a constructor makes from inner brace lists (<c>__device__ P g[2] = {{1, 2.f}}</c>
    /// with a constexpr <c>P(int, float)</c>) is refused with that reason (TR0406): the lists' values were stored as the
    /// members in order, without the constructor (a wrong value, no diagnostic). In a function the constructor runs
    /// (tests/programs/constructorBraceElements.cu).</summary>
    [Fact]
    public void A_global_made_by_a_constructor_from_a_brace_list_is_refused_with_that_reason()
    {
        var r = Lift("struct P { int a; float b; constexpr __host__ __device__ P(int x, float y) : a(x), b(y + 1) {} };\n"
            + "__device__ P g[2] = {{1, 2.f}, {3, 4.f}};\n__global__ void k(float *p) {\n  *p = g[1].b;\n}" + Main);
        ExpectDiagnostic(r, Codes.UnsupportedDeclaration, 2);
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("made by its constructor from a brace list"));
    }

    /// <summary>A brace-list element of a class template's instantiation with constructors of its own is made by the
    /// converting constructor clang picks, found through a probe since libclang shows no members of an implicit
    /// instantiation (it was TR0404 "conversion from 'double' to 'C&lt;double&gt;'"; braceElisionElements.cu runs it).</summary>
    [Fact]
    public void An_element_made_by_a_class_templates_converting_constructor_is_lifted()
    {
        var r = Lift("template <class T> struct C { T re; __host__ __device__ C(T r) : re(r) {} };\n"
            + "__global__ void k(double *p) {\n  C<double> c[2] = {1.5, 2.5};\n  *p = c[1].re;\n}" + Main);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
    }

    /// <summary>A class template deriving from another specialization of itself (recursive variadic inheritance, as
    /// std::tuple's _Tuple_impl) cannot be reached through its injected name (that names the class itself): TR0405 at
    /// once (the lifter used to take the class for its own base and never finished).</summary>
    [Fact]
    public void Recursive_variadic_inheritance_is_TR0405_not_a_hang()
    {
        var r = Lift("template <int I, typename... T> struct Impl;\ntemplate <int I, typename H> struct Impl<I, H> { H head; };\n"
            + "template <int I, typename H, typename... T> struct Impl<I, H, T...> : Impl<I + 1, T...> { H head; };\n"
            + "__global__ void k(int *out) {\n  Impl<0, int, float> t;\n  t.head = 1;\n  out[0] = t.head;\n}" + Main);
        Assert.Contains(r.Diagnostics, d => d.Code == Codes.UnsupportedType && d.Message.Contains("Impl<I + 1, T...>"));
    }

    [Fact]
    public void Inline_assembly_with_an_untranslated_instruction_is_TR0410()
    {
        var r = Lift("__global__ void k(int *p) {\n  int v;\n  asm(\"vabsdiff.s32.s32.s32 %0, %1, %1, %1;\" : \"=r\"(v) : \"r\"(*p));\n  *p = v;\n}" + Main);
        ExpectDiagnostic(r, Codes.InlineAssembly, 3);
    }

    [Fact]
    public void A_union_aligned_beyond_16_bytes_is_TR0405()
    {
        var r = Lift("struct __align__(32) W { float f[8]; };\nunion U { W w; float f[8]; };\n__global__ void k(float *p) {\n  U u;\n  u.f[0] = *p;\n  *p = u.w.f[0];\n}" + Main);
        ExpectDiagnostic(r, Codes.UnsupportedType, 4);
    }

    /// <summary>
    /// A class template's base that names its parameters is found through the instantiation (its inherited
    /// injected-class-name, tests/programs/cxx/templatedBases.cu); a base written as a member of a dependent type
    /// has no such name to reach it by: still TR0405, at the use.
    /// </summary>
    [Fact]
    public void A_template_base_named_through_a_dependent_type_is_TR0405()
    {
        const string Traits = "template <class T> struct Traits { struct Base { T v; }; };\n";
        var r = Lift(Traits + "template <class T> struct D : Traits<T>::Base { T w; };\n__global__ void k(float *p) {\n  D<float> d;\n  d.v = *p; d.w = 1;\n  *p = d.v + d.w;\n}" + Main);
        ExpectDiagnostic(r, Codes.UnsupportedType, 4);
        var named = Lift("template <class T> struct B { T v; };\ntemplate <class T> struct D : B<T> { T w; };\n__global__ void k(float *p) {\n  D<float> d;\n  d.v = *p; d.w = 1;\n  *p = d.v + d.w;\n}" + Main);
        Assert.DoesNotContain(named.Diagnostics, d => d.Code == Codes.UnsupportedType);
        Assert.Equal(["__base_B_float", "w"], Assert.Single(named.Module!.Structs, s => s.Name.StartsWith("D")).Fields.Select(f => f.Name));
    }

    [Fact]
    public void Static_local_initialized_at_run_time_is_TR0406()
    {
        // Static locals are globals initialized before the program runs (tests/programs/staticLocals.cu);
        // C++'s dynamic initialization on first pass (host code only: clang refuses it in device code) is not translated.
        var r = Lift("int seed() { return 7; }\nint counter() {\n  static int n = seed();\n  return ++n;\n}\n__global__ void k(int *p) { *p = 1; }\nint main() { return counter(); }\n");
        ExpectDiagnostic(r, Codes.UnsupportedDeclaration, 3);
    }

    [Fact]
    public void Function_without_definition_is_TR0407_and_its_callers_TR0409()
    {
        var r = Lift("__device__ int helper(int x);\n__global__ void k(int *p) { *p = helper(*p); }" + Main);
        Assert.Contains(r.Diagnostics, d => d.Code == Codes.UndefinedFunction);
        var kernel = Assert.Single(r.Functions, f => f.IrName == "k");
        Assert.False(kernel.Translated);
        Assert.Equal(Codes.CalleeNotTranslated, kernel.Reason!.Code);
        Assert.Equal(2, kernel.Reason.Location.Line);
    }

    [Fact]
    public void Library_function_without_IR_is_TR0408()
    {
        var r = Lift("#include <cstdio>\nint main() {\n  fprintf(stderr, \"x\\n\");\n  return 0;\n}\n__global__ void k() {}");
        var d = ExpectDiagnostic(r, Codes.UnsupportedLibraryFunction, 3);
        Assert.Contains("fprintf", d.Message);
    }

    /// <summary>
    /// HeCBench attentionMultiHeadKVCache names __cvta_generic_to_shared in a path only the host compilation
    /// parses: the declarations let it compile, while a device call is refused, as no device can answer
    /// an address-space conversion or query exactly.
    /// </summary>
    [Theory]
    [InlineData("(int)__cvta_generic_to_shared(s)")]
    [InlineData("(int)__cvta_generic_to_global(p)")]
    [InlineData("*(int *)__cvta_shared_to_generic(0)")]
    [InlineData("(int)__isShared(s)")]
    [InlineData("(int)__isGlobal(p)")]
    [InlineData("(int)__isConstant(p)")]
    [InlineData("(int)__isLocal(p)")]
    public void An_address_space_conversion_or_query_in_device_code_is_TR0408_not_a_guess(string use)
    {
        var r = Lift("__global__ void k(int *p) {\n  __shared__ int s[4];\n  p[0] = " + use + ";\n}" + Main);
        var d = ExpectDiagnostic(r, Codes.UnsupportedLibraryFunction, 3);
        Assert.Contains(use[(use.IndexOf("__", StringComparison.Ordinal))..use.IndexOf('(', use.IndexOf("__", StringComparison.Ordinal))], d.Message);
        var hostOnly = Lift("__device__ unsigned f(int *p) {\n#ifndef __CUDA_ARCH__\n  return (unsigned)" + use.Replace("(int)", "").Replace("s)", "p)") + ";\n#else\n  return 1;\n#endif\n}\n__global__ void k(int *p) { p[0] = f(p); }" + Main);
        Assert.DoesNotContain(hostOnly.Diagnostics, x => x.Severity == Severity.Error);
    }

    [Fact]
    public void Clang_errors_pass_through_as_TR0401()
    {
        var r = Lift("__global__ void k(int *p) {\n  *p = undeclared_name;\n}" + Main);
        var d = ExpectDiagnostic(r, Codes.ClangError, 2);
        Assert.Contains("undeclared_name", d.Message);
        Assert.Null(r.Module);
    }

    [Fact]
    public void Missing_file_is_TR0901()
    {
        var r = Translate.Frontend.CudaFrontend.Translate("/nonexistent/x.cu");
        Assert.Contains(r.Diagnostics, d => d.Code == Codes.FileNotFound);
        Assert.False(r.Success);
    }

    [Fact]
    public void A_failure_leaves_other_kernels_translated()
    {
        var r = Lift("__global__ void good(int *p) { *p = 1; }\n__global__ void bad(int *p) {\n  asm(\"vabsdiff.s32.s32.s32 %0, %0, %0, %0;\" : \"+r\"(*p));\n}" + Main);
        Assert.Contains(r.Functions, f => f.IrName == "good" && f.Translated);
        Assert.Contains(r.Functions, f => f.IrName == "bad" && !f.Translated);
        Assert.Contains(r.Module!.Functions, f => f.Name == "good");
        Assert.DoesNotContain(r.Module!.Functions, f => f.Name == "bad");
    }
}
