(c-lisp
  (define ((f int) (x int))
    (switch x
      (case (1 2) (ret 1))
      (case (3 0x2) (ret 2)))
    (ret 0)))
