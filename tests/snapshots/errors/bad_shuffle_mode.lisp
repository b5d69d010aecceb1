(c-lisp
  (define-kernel ((k void) (v float))
    (declare r float)
    (set r (shfl rotate (int -1) v 1 32))))
