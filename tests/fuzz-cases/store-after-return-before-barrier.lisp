; opencl: fuzz seed 52030, reduced. A return some threads take, then one all take, then a store and a barrier: the
; returns set the kept work-items' flag (returns before barriers, ir/Transformations/ExitedWorkItems.cs), but the
; second return and the store after it shared one `if (!__exited)`, so the store ran anyway (out -1, not 0).
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (in (ptr int)))
    (if (ult 0 (load (ptradd in [tid.x]))) (ret))
    (ret)
    (store out (int64 -1))
    [__syncthreads])
  (define ((main int))
    (declare out (ptr int64)) (declare in (ptr int)) (declare i int)
    (call cudaMallocManaged (ptr-to out) 8 1)
    (call cudaMallocManaged (ptr-to in) 64 1)
    (store out (int64 0))
    (for ((set i 0) (lt i 16) (set i (add i 1))) (store (ptradd in i) (rem i 2)))
    (launch k (grid 1 1 1) (block 16 1 1) (shared 0) (stream (null (ptr int8))) out in)
    (call cudaDeviceSynchronize)
    (call printf (string "out %lld\n") (load out))
    (ret 0)))
