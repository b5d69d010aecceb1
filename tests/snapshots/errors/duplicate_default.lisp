(c-lisp
  (define ((f int) (x int))
    (switch x
      (default (ret 1))
      (case (1) (ret 2))
      (default (ret 3)))
    (ret 0)))
