(c-lisp
  (define ((f void) (x int))
    (ret x)))
