(c-lisp
  (define ((f int) (x int))
    (ret (add x y))))
