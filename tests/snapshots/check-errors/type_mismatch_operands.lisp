(c-lisp
  (define ((f float) (a float) (b int))
    (ret (fadd a b))))
