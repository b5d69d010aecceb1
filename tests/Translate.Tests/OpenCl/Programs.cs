namespace Translate.Tests.OpenCl;

/// <summary>The IR programs the OpenCL specifications run: hand-lifted CUDA, the shared ones read from tests/snapshots/roundtrip.</summary>
internal static class Programs
{
    public static string VectorAdd => Repository.SnapshotText("roundtrip/vector_add.lisp");

    public static string BlockReduction => Repository.SnapshotText("roundtrip/block_reduction.lisp");

    public static string MatmulTiled => Repository.SnapshotText("roundtrip/matmul_tiled.lisp");

    public static string Histogram => Repository.SnapshotText("roundtrip/atomics_histogram.lisp");

    public static string WarpSum => Repository.SnapshotText("roundtrip/warp_reduction.lisp");

    public const string Particles = """
        (c-lisp
          (define-struct vec3 (x float) (y float) (z float))
          (define-struct particle (pos (struct vec3)) (vel (struct vec3)) (mass float) (id int64))
          (define ((step void) (p (ptr (struct particle))) (dt float))
            (store (sptradd (sptradd p pos) x)
                   (fadd (load (sptradd (sptradd p pos) x)) (fmul dt (load (sptradd (sptradd p vel) x)))))
            (declare vel (struct vec3))
            (set vel (load (sptradd p vel)))
            (store (sptradd (sptradd p pos) y) (fmul dt (extractvalue vel y)))
            (set vel (insertvalue vel (fneg (extractvalue vel z)) z))
            (store (sptradd p vel) vel)
            (store (sptradd p id) (add (load (sptradd p id)) (load (sptradd p id)))))
          (define-kernel ((advance void) (ps (ptr (struct particle))) (dt float) (n int))
            (if (lt [tid.x] n) (call step (ptradd ps [tid.x]) dt))))
        """;

    public const string Clones = """
        (c-lisp
          (define ((sum3 float) (p (ptr float)))
            (ret (fadd (load p) (fadd (load (ptradd p 1)) (load (ptradd p 2))))))
          (define-kernel ((useBoth void) (input (ptr float)) (out (ptr float)))
            (define-shared s (arr 64 float))
            (store (aptradd s [tid.x]) (sitofp [tid.x] float))
            (store (aptradd s (add [tid.x] 32)) (sitofp (add [tid.x] 32) float))
            [__syncthreads]
            (if (eq (and [tid.x] 1) 0)
                (store (ptradd out [tid.x]) (call sum3 (aptradd s [tid.x])))
                (store (ptradd out [tid.x]) (call sum3 (ptradd input 3))))))
        """;

    public const string Globals = """
        (c-lisp
          (define-global (scale float) (const 2.5) (addrspace 1))
          (define-global (coeffs (arr 4 float)) (const (0.5 0.25 0.125 0.0625)) (addrspace 4))
          (define-global (devTotal int64) (addrspace 1))
          (define-kernel ((useGlobals void) (out (ptr float)))
            (store (ptradd out [tid.x])
                   (fmul (load (ptr-to scale)) (load (aptradd coeffs (and [tid.x] 3)))))
            (atomic-rmw add (ptr-to devTotal) (int64 1) device relaxed)))
        """;
}
