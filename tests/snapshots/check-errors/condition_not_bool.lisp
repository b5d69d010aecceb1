(c-lisp
  (define ((f int) (x int))
    (if x (ret 1))
    (ret 0)))
