; opencl: fuzz seed 73282 of session 22, reduced by hand. A do-while whose trip count depends on the work-item holds a
; loop that assigns values; the counters and values are read after a barrier. Session 20's volatile on the outer counter
; (backends/OpenCl/Emission/LoopValuesAcrossBarriers.cs) made PoCL 3.1 give every work-item the last one's counter
; (i0 = 3 everywhere); with no volatile at all it is right, as it is for seed 65069's shape, so a divergent loop that
; holds a loop gets none.
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (inf (ptr float)))
    (declare ltid int) (set ltid [tid.x])
    (declare i0 int) (declare ci0 int) (declare i1 int) (declare ci1 int)
    (declare v3 double) (set v3 (double -0.5))
    (declare v5 int) (set v5 0)
    (set i1 0)
    (() (set ci0 (and ltid 3)) (set i0 0)
      (do-while (lt i0 ci0) (set i0 (add i0 1))
        (() (set ci1 2)
          (for ((set i1 0) (lt i1 ci1) (set i1 (add i1 1)))
            (set v3 (math fma (double 3.25) (uitofp (or [bdim.x] ltid) double) (fpext (load (ptradd inf (urem (add i0 ltid) 1024))) double)))
            (set v5 (fptosi v3 int))))))
    [__syncthreads]
    (store (ptradd out (mul ltid 3)) (bitcast v3 int64))
    (store (ptradd out (add (mul ltid 3) 1)) (sext v5 int64))
    (store (ptradd out (add (mul ltid 3) 2)) (sext (add (mul i0 100) i1) int64)))
  (define ((main int))
    (declare out (ptr int64)) (declare inf (ptr float)) (declare i int)
    (call cudaMallocManaged (ptr-to out) (int64 2048) 1)
    (call cudaMallocManaged (ptr-to inf) (int64 4096) 1)
    (for ((set i 0) (lt i 1024) (set i (add i 1))) (store (ptradd inf i) (fmul (sitofp i float) (float 0.5))))
    (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) out inf)
    (call cudaDeviceSynchronize)
    (for ((set i 0) (lt i 8) (set i (add i 1)))
      (call printf (string "%d: %lld %lld %lld\n") i (load (ptradd out (mul i 3))) (load (ptradd out (add (mul i 3) 1))) (load (ptradd out (add (mul i 3) 2)))))
    (ret 0)))
