; opencl: fuzz seed 65069 reduced. A do-while whose trip count is the work-item's index holds a do-while that runs
; once, both counters read after a barrier. Session 20 made every scalar such a loop assigns volatile (PoCL 3.1 shares a
; loop counter among work-items: loop-counter-after-barrier.lisp); with both counters volatile PoCL gave every
; work-item the last one's outer counter (95 for thread 0), the same with a plain OpenCL host on the emitted C, and
; right with the nested loop's counter plain. Now only what the outermost such loop assigns, and no loop in it, is volatile.
(c-lisp
  (define-kernel ((k void) (out (ptr int64)))
    (define-shared sh (arr 256 int))
    (declare ltid int)
    (set ltid [tid.x])
    (store (aptradd sh ltid) ltid)
    [__syncthreads]
    (declare i1 int)
    (declare i2 int)
    (declare trips int)
    (set trips (load (aptradd sh ltid)))
    (set i1 0)
    (set i2 0)
    (do-while (lt i1 trips)
      (set i1 (add i1 1))
      (set i2 0)
      (do-while (lt i2 0)
        (set i2 (add i2 1))))
    [__syncthreads]
    (store (ptradd out ltid) (add (mul (sext i1 int64) (int64 1000)) (sext i2 int64))))
  (define ((main int))
    (declare out (ptr int64))
    (declare i int)
    (declare h int64)
    (call cudaMallocManaged (ptr-to out) 768 1)
    (launch k (grid 1 1 1) (block 96 1 1) (shared 0) (stream (null (ptr int8))) out)
    (call cudaDeviceSynchronize)
    (set h (int64 0))
    (for ((set i 0) (lt i 96) (set i (add i 1))) (set h (add (mul h (int64 31)) (load (ptradd out i)))))
    (call printf (string "%lld %lld %lld %lld\n") (load out) (load (ptradd out 5)) (load (ptradd out 95)) h)
    (ret 0)))
