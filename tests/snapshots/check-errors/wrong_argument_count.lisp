(c-lisp
  (define ((g int) (a int) (b int)) (ret (add a b)))
  (define ((main int))
    (ret (call g 1))))
