; opencl: fuzz seed 73553 of session 22, rewritten small. A loop the whole block runs holds a barrier, then
; `if (__syncthreads_or(p)) continue;`, then a barrier phase of shared atomics and a loop per thread. PoCL 3.1 lost the
; phase and the inner loop in every work-item when no work-item continued. A continue past the body's barriers is now
; emitted as an else arm holding them (ir/Transformations/SynchronizingContinues.cs).
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (acc (ptr int)) (skip int))
    (define-shared sha (arr 8 int))
    (declare t int) (set t [tid.x])
    (if (lt t 8) (store (aptradd sha t) 0))
    (declare i int) (declare j int) (declare n int) (declare sum int)
    (set sum 0)
    (for ((set i 0) (lt i 3) (set i (add i 1)))
      [__syncthreads]
      (if (syncthreads-or (eq (add t i) skip)) (continue))
      [__syncthreads]
      (atomic-rmw add (aptradd sha (urem t 8)) (int 4) block relaxed)
      [__syncthreads]
      (set n (and t 3))
      (for ((set j 0) (lt j n) (set j (add j 1)))
        (atomic-rmw add (ptradd acc 0) 1 device relaxed)
        (set sum (add sum j))))
    [__syncthreads]
    (store (ptradd out t) (add (mul (sext sum int64) 1000) (sext (load (aptradd sha (urem t 8))) int64))))
  (define ((main int))
    (declare out (ptr int64)) (declare acc (ptr int)) (declare i int) (declare s int64)
    (call cudaMallocManaged (ptr-to out) (int64 512) 1)
    (call cudaMallocManaged (ptr-to acc) (int64 4) 1)
    (store acc 0)
    (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) out acc (int 65))
    (call cudaDeviceSynchronize)
    (set s 0)
    (for ((set i 0) (lt i 64) (set i (add i 1))) (set s (add (mul s 31) (load (ptradd out i)))))
    (call printf (string "acc %d out1 %lld out3 %lld sum %lld\n") (load acc) (load (ptradd out 1)) (load (ptradd out 3)) s)
    (ret 0)))
