(c-lisp
  (define ((f int) (x int) (y int))
    (switch x
      (case (y) (ret 1)))
    (ret 0)))
