(c-lisp
  (define ((f int))
    (ret 12abc)))
