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
