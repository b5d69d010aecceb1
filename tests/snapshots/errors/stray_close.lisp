(c-lisp
  (define ((main int))
    (ret 0))))
