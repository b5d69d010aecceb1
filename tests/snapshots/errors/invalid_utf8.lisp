(c-lisp
  (define ((main int))
    (call printf (string "café"))))
