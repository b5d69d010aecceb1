(c-lisp
  (define-kernel ((k void))
    (fence device consume)))
