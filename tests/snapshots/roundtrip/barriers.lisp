; block-wide barriers with a predicate, and memory fences
(c-lisp
  (define-kernel ((barriers void) (flags (ptr int)) (out (ptr int)))
    (declare mine bool)
    (set mine (ne (load (ptradd flags [tid.x])) 0))
    (declare count int)
    (set count (syncthreads-count mine))
    (declare all bool)
    (set all (syncthreads-and mine))
    (declare any bool)
    (set any (syncthreads-or mine))
    [__syncthreads]
    (fence block seq_cst)
    (if (eq [tid.x] 0)
        ((store (ptradd out 0) count)
         (store (ptradd out 1) (zext all int))
         (store (ptradd out 2) (zext any int))))))
