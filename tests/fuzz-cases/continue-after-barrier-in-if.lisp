; opencl: fuzz seed 65388 reduced. In a loop, an if on a uniform condition holds a barrier and then a `continue` some
; work-items take; the others store after the if. For PoCL 3.1 the emitter adds a barrier after every if holding one
; (barrierInOneArm.cu), but the work-items that continued never reach it and the others waited there: the stores were
; lost (0 instead of -1). No barrier follows an if that a work-item may leave by break, continue or return now.
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (inf (ptr float)))
    (declare ltid int)
    (set ltid [tid.x])
    (declare i int)
    (declare n int)
    (set n 1)
    (for ((set i 0) (lt i n) (set i (add i 1)))
      (if #t
        (() [__syncthreads]
          (if (math isinf (load (ptradd inf ltid))) (continue))))
      (store (ptradd out ltid) (int64 -1))))
  (define ((main int))
    (declare out (ptr int64))
    (declare inf (ptr float))
    (declare i int)
    (declare h int64)
    (call cudaMallocManaged (ptr-to out) 256 1)
    (call cudaMallocManaged (ptr-to inf) 128 1)
    (for ((set i 0) (lt i 32) (set i (add i 1))) (store (ptradd inf i) (float 0.0)) (store (ptradd out i) (int64 5)))
    (store inf (float +inf.0))
    (launch k (grid 1 1 1) (block 32 1 1) (shared 0) (stream (null (ptr int8))) out inf)
    (call cudaDeviceSynchronize)
    (set h (int64 0))
    (for ((set i 0) (lt i 32) (set i (add i 1))) (set h (add (mul h (int64 7)) (load (ptradd out i)))))
    (call printf (string "%lld %lld %lld\n") (load out) (load (ptradd out 1)) h)
    (ret 0)))
