(c-lisp
  (define-kernel ((k void) (p (ptr int)))
    (store p [tid.x 1])))
