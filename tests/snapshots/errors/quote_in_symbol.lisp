(c-lisp
  (define ((main int))
    (ret abc"d")))
