; a kernel cannot be only declared
(c-lisp
  (define-kernel ((k void) (n int))))
