(c-lisp
  (define ((f int)) (ret 0))
  (define ((f int)) (ret 1)))
