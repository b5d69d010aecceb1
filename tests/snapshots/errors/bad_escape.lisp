(c-lisp
  (define ((main int))
    (call printf (string "tab\q"))
    (ret 0)))
