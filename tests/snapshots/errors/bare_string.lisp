; string literals are written (string "...")
(c-lisp
  (define ((main int))
    (call printf "hi\n")
    (ret 0)))
