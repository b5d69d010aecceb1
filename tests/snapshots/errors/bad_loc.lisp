(c-lisp
  (define ((f void))
    (loc kernel.cu 10 2)))
