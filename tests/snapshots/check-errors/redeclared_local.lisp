(c-lisp
  (define ((f int))
    (declare x int)
    (declare x float)
    (ret 0)))
