namespace Translate.Tests.OpenCl;

/// <summary>The IR programs the OpenCL specifications run (hand-lifted CUDA, as in tests/snapshots).</summary>
internal static class Programs
{
    public const string VectorAdd = """
        ; vector addition: a kernel and the host code that launches it (CUDA's vectorAdd sample)
        (c-lisp
          (define-kernel ((vecAdd void) (a (ptr float (addrspace 1))) (b (ptr float (addrspace 1)))
                                        (c (ptr float (addrspace 1))) (n int))
            (declare i int)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (if (lt i n)
                (store (ptradd c i) (fadd (load (ptradd a i)) (load (ptradd b i))))))
        
          (define ((main int))
            (declare n int)
            (set n 50000)
            (declare bytes int64)
            (set bytes (mul (sext n int64) (int64 4)))
            (declare ha (ptr float))
            (set ha (bitcast (call malloc bytes) (ptr float)))
            (declare hb (ptr float))
            (set hb (bitcast (call malloc bytes) (ptr float)))
            (declare hc (ptr float))
            (set hc (bitcast (call malloc bytes) (ptr float)))
            (declare i int)
            (for ((set i 0) (lt i n) (set i (add i 1)))
              (store (ptradd ha i) (sitofp i float))
              (store (ptradd hb i) (fmul 2.0 (sitofp i float))))
            (declare da (ptr float (addrspace 1)))
            (declare db (ptr float (addrspace 1)))
            (declare dc (ptr float (addrspace 1)))
            (call cudaMalloc (bitcast (ptr-to da) (ptr (ptr int8))) bytes)
            (call cudaMalloc (bitcast (ptr-to db) (ptr (ptr int8))) bytes)
            (call cudaMalloc (bitcast (ptr-to dc) (ptr (ptr int8))) bytes)
            (call cudaMemcpy (addrspacecast (bitcast da (ptr int8 (addrspace 1))) (ptr int8)) (bitcast ha (ptr int8)) bytes 1)
            (call cudaMemcpy (addrspacecast (bitcast db (ptr int8 (addrspace 1))) (ptr int8)) (bitcast hb (ptr int8)) bytes 1)
            (declare threads int)
            (set threads 256)
            (launch vecAdd (grid (div (add n 255) threads) 1 1) (block threads 1 1) (shared 0) (stream (null (ptr int8)))
              da db dc n)
            (call cudaDeviceSynchronize)
            (call cudaMemcpy (bitcast hc (ptr int8)) (addrspacecast (bitcast dc (ptr int8 (addrspace 1))) (ptr int8)) bytes 2)
            (call printf (string "c[10] = %f\n") (fpext (load (ptradd hc 10)) double))
            (call cudaFree (addrspacecast (bitcast da (ptr int8 (addrspace 1))) (ptr int8)))
            (call free (bitcast ha (ptr int8)))
            (ret 0)))
        """;

    public const string BlockReduction = """
        ; tree reduction in shared memory, one partial sum per block
        (c-lisp
          (define-kernel ((reduceSum void) (input (ptr float)) (output (ptr float)) (n int))
            (define-shared partial (arr 256 float))
            (declare tid int)
            (set tid [tid.x])
            (declare i int)
            (set i (add (mul [bid.x] (mul [bdim.x] 2)) tid))
            (declare sum float)
            (set sum 0.0)
            (if (lt i n) (set sum (load (ptradd input i))))
            (if (lt (add i [bdim.x]) n)
                (set sum (fadd sum (load (ptradd input (add i [bdim.x]))))))
            (store (aptradd partial tid) sum)
            [__syncthreads]
            (declare s int)
            (for ((set s (udiv [bdim.x] 2)) (gt s 0) (set s (ashr s 1)))
              (if (lt tid s)
                  ((store (aptradd partial tid)
                          (fadd (load (aptradd partial tid)) (load (aptradd partial (add tid s)))))))
              [__syncthreads])
            (if (eq tid 0)
                (store (ptradd output [bid.x]) (load (aptradd partial 0))))))
        """;

    public const string MatmulTiled = """
        ; C = A * B with 16x16 tiles staged through shared memory
        (c-lisp
          (define-shared tileA (arr 16 (arr 16 float)))
          (define-shared tileB (arr 16 (arr 16 float)))
        
          (define-kernel ((matmul void) (a (ptr float)) (b (ptr float)) (c (ptr float)) (n int))
            (declare row int)
            (set row (add (mul [bid.y] 16) [tid.y]))
            (declare col int)
            (set col (add (mul [bid.x] 16) [tid.x]))
            (declare acc float)
            (set acc 0.0)
            (declare t int)
            (declare k int)
            (for ((set t 0) (lt t (div n 16)) (set t (add t 1)))
              (store (aptradd (aptradd tileA [tid.y]) [tid.x])
                     (load (ptradd a (add (mul row n) (add (mul t 16) [tid.x])))))
              (store (aptradd (aptradd tileB [tid.y]) [tid.x])
                     (load (ptradd b (add (mul (add (mul t 16) [tid.y]) n) col))))
              [__syncthreads]
              (for ((set k 0) (lt k 16) (set k (add k 1)))
                (set acc (call fmaf (load (aptradd (aptradd tileA [tid.y]) k))
                                    (load (aptradd (aptradd tileB k) [tid.x]))
                                    acc)))
              [__syncthreads])
            (store (ptradd c (add (mul row n) col)) acc)))
        """;

    public const string Histogram = """
        ; a 256-bin histogram: per-block bins in dynamic shared memory, merged with atomics
        (c-lisp
          (define-kernel ((histogram void) (data (ptr int8)) (n int) (bins (ptr int (addrspace 1))))
            (define-shared local (arr 0 int))            ; dynamic: sized at launch
            (store (aptradd local [tid.x]) 0)
            [__syncthreads]
            (declare stride int)
            (set stride (mul [bdim.x] [gdim.x]))
            (declare i int)
            (for ((set i (add (mul [bid.x] [bdim.x]) [tid.x])) (lt i n) (set i (add i stride)))
              (atomic-rmw add (aptradd local (zext (load (ptradd data i)) int)) 1 block relaxed))
            [__syncthreads]
            (atomic-rmw add (ptradd bins [tid.x]) (load (aptradd local [tid.x])) device relaxed))
        
          (define-kernel ((everyAtomic void) (p (ptr int)) (q (ptr int64)) (f (ptr float)) (d (ptr double)))
            (declare old int)
            (set old (atomic-rmw add p 1 device relaxed))
            (set old (atomic-rmw sub p 1 device acquire))
            (set old (atomic-rmw exch p 7 system release))
            (set old (atomic-rmw and p 3 block acq_rel))
            (set old (atomic-rmw or p 4 device seq_cst))
            (set old (atomic-rmw xor p 5 device relaxed))
            (set old (atomic-rmw min p -1 device relaxed))
            (set old (atomic-rmw max p 9 device relaxed))
            (set old (atomic-rmw umin p 2 device relaxed))
            (set old (atomic-rmw umax p 2 device relaxed))
            (set old (atomic-rmw uinc p 100 device relaxed))
            (set old (atomic-rmw udec p 100 device relaxed))
            (atomic-rmw fadd f 1.0 device relaxed)
            (atomic-rmw fmin d (double -1.0) device relaxed)
            (atomic-rmw fmax d (double 1.0) device relaxed)
            (declare w int64)
            (set w (atomic-cas q (int64 0) (int64 1) device acq_rel))
            (set old (atomic-load p device acquire))
            (atomic-store p 0 system release)
            (fence block acq_rel)
            (fence device seq_cst)
            (fence system seq_cst)))
        """;

    public const string WarpSum = """
        ; warp-level reduction with shuffles, then one atomic per warp
        (c-lisp
          (define-inline ((warpReduceSum float) (v float))
            (declare offset int)
            (for ((set offset 16) (gt offset 0) (set offset (udiv offset 2)))
              (set v (fadd v (shfl down (int 0xffffffff) v offset [warpsize]))))
            (ret v))
        
          (define-kernel ((sumAll void) (x (ptr float)) (result (ptr float)) (n int))
            (declare i int)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (declare v float)
            (set v (cond (lt i n) (load (ptradd x i)) 0.0))
            (set v (call warpReduceSum v))
            (if (eq [laneid] 0)
                (atomic-rmw fadd result v device relaxed))))
        """;

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
            (set vel (insertvalue vel z (fneg (extractvalue vel z))))
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
