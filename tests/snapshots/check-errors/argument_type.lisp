(c-lisp
  (define ((g int) (p (ptr int))) (ret (load p)))
  (define ((main int))
    (ret (call g 1))))
