(c-lisp
  (define ((f int) (x int))
    (ret (load x))))
