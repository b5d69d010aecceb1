; cpu: fuzz seed 72406 reduced. A loop holding a barrier whose body breaks unconditionally (also under `if (true)`)
; before a __syncwarp: the syncwarp never runs, but the cpu device split the body's barrier region at it, and the
; loop's increment was lost (every thread stored 0, not 1). What never runs is dropped before the cpu lowering
; (ir/Transformations/UnreachableStatements.cs).
(c-lisp
  (define-kernel ((k void) (out (ptr int64)))
    (declare count int)
    (set count 0)
    (do-while #f
      (set count (add count 1))
      (() (break) (syncwarp -1))
      [__syncthreads])
    (declare again int)
    (set again 0)
    (do-while #f
      (set again (add again 2))
      (if #t (() (if #t (break)) (syncwarp -1)))
      [__syncthreads])
    (store (ptradd out (add [tid.x] (mul [tid.y] [bdim.x]))) (sext (add count again) int64)))
  (define ((main int))
    (declare out (ptr int64))
    (declare i int)
    (declare h int64)
    (call cudaMallocManaged (ptr-to out) 512 1)
    (launch k (grid 1 1 1) (block 32 2 1) (shared 0) (stream (null (ptr int8))) out)
    (call cudaDeviceSynchronize)
    (set h (int64 0))
    (for ((set i 0) (lt i 64) (set i (add i 1))) (set h (add (mul h (int64 3)) (load (ptradd out i)))))
    (call printf (string "%lld %lld %lld\n") (load out) (load (ptradd out 63)) h)
    (ret 0)))
