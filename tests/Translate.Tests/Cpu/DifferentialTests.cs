namespace Translate.Tests.Cpu;

/// <summary>The same IR on the interpreter (the reference) and the cpu device: same output, same exit status.</summary>
public class DifferentialTests : CpuTestBase
{
    [RequiresFact(Need.Cpu)]
    public void Vector_add_matches_the_interpreter() => AssertSame(CpuProgramTests.VectorAdd);

    [RequiresFact(Need.Cpu)]
    public void Shuffles_votes_and_predicated_barriers_match_the_interpreter() => AssertSame("""
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (declare v int)
            (set v (mul [tid.x] 3))
            (declare a int) (declare b int) (declare c int) (declare d int)
            (set a (shfl up -1 v 3 16))
            (set b (shfl idx -1 v 37 8))
            (set c (vote ballot -1 (gt (and v 4) 0)))
            (set d (syncthreads-count (lt [tid.x] 20)))
            (store (ptradd out [tid.x]) (add (add a b) (add c d))))
          (define ((main int))
            (declare out (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 256) 1)
            (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out)
            (declare i int)
            (for ((set i 0) (lt i 64) (set i (add i 1))) (call printf (string "%d ") (load (ptradd out i))))
            (call printf (string "\n"))
            (ret 0)))
        """);

    [RequiresFact(Need.Cpu)]
    public void Math_casts_and_rand_match_the_interpreter() => AssertSame("""
        (c-lisp
          (define ((main int))
            (call srand 7)
            (call printf (string "%d %d %d\n") (call rand) (call rand) (fptosi (fmul 1e20 1e20) int))
            (call printf (string "%.6f %.6f %d\n") (call sqrt (double 2.0)) (fpext (math sinf 1.0) double) (math popc 255))
            (ret 0)))
        """.Replace("(math sinf 1.0)", "(math sin 1.0)"));

    private static void AssertSame(string program)
    {
        var interp = RunInterp(program);
        var cpu = RunCpu(program);
        Assert.Equal(interp.Stdout, cpu.Stdout);
        Assert.Equal(interp.ExitCode, cpu.ExitCode);
    }

    [RequiresFact(Need.Cpu)]
    public void Three_dimensional_blocks_with_a_barrier_match_the_interpreter() => AssertSame("""
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (define-shared buf (arr 60 int))
            (declare lin int)
            (set lin (add [tid.x] (mul [bdim.x] (add [tid.y] (mul [bdim.y] [tid.z])))))
            (store (aptradd buf lin) (add [tid.x] (add (mul 10 [tid.y]) (mul 100 [tid.z]))))
            [__syncthreads]
            (store (ptradd out lin) (load (aptradd buf (sub 59 lin)))))
          (define ((main int))
            (declare out (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 240) 1)
            (launch k (grid 1 1 1) (block 5 4 3) (shared 0) (stream (null (ptr int8))) out)
            (declare i int)
            (for ((set i 0) (lt i 60) (set i (add i 1))) (call printf (string "%d ") (load (ptradd out i))))
            (call printf (string "\n"))
            (ret 0)))
        """);
}
