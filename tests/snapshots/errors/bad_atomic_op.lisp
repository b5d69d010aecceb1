(c-lisp
  (define-kernel ((k void) (p (ptr int)))
    (atomic-rmw nand p 1 device relaxed)))
