(c-lisp
  (define-global (g int) (const (add 1 2))))
