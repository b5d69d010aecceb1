(c-lisp
  (define ((f float) (a float) (b float))
    (ret (add a b))))
