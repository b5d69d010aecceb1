(c-lisp
  (define ((main int))
    (call printf (string "hello))
    (ret 0)))
