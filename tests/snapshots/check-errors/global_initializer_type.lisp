(c-lisp
  (define-global (g int) (const "text")))
