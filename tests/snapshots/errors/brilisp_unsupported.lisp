(c-lisp
  (define-brilisp ((f int)) (ret 0)))
