(c-lisp
  (define ((main int))
    (ret (call notDefinedAnywhere 1))))
