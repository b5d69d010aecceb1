; opencl: fuzz seeds 50018 and 50023 (--lane-loops), refused with TR0503. A loop each lane runs its own number of
; times holds warp operations over the lanes still in it: a shuffle whose mask and source lane come from
; [activemask], and a vote inside select. Both are run in step for the block now (the collectives inside another
; collective's operands, and inside select, hoisted for every work-item).
(c-lisp
  (define-kernel ((k void) (out (ptr int)))
    (declare t int) (set t [tid.x])
    (declare v int) (set v (mul t 10))
    (declare w int) (set w 0)
    (declare i int) (declare n int) (set n (and (add [laneid] (div t 32)) 3))
    (for ((set i 0) (lt i n) (set i (add i 1)))
      (set v (add v (shfl idx [activemask] (add v i) (sub (math ffs [activemask]) 1) 32)))
      (set w (add w (select (vote any [activemask] (eq (and t 7) i)) (math popc [activemask]) 100))))
    (store (ptradd out t) (add v w)))
  (define ((main int))
    (declare out (ptr int)) (declare i int)
    (call cudaMallocManaged (ptr-to out) 512 1)
    (launch k (grid 1 1 1) (block 96 1 1) (shared 0) (stream (null (ptr int8))) out)
    (call cudaDeviceSynchronize)
    (for ((set i 0) (lt i 96) (set i (add i 1))) (call printf (string "%d ") (load (ptradd out i))))
    (call printf (string "\n"))
    (ret 0)))
