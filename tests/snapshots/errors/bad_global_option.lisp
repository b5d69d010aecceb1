(c-lisp
  (define-global (g int) (section ".data")))
