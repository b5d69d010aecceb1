; vectors have 1 to 4 lanes
(c-lisp
  (define-kernel ((k void) (v (ptr (vec 8 float))))
    (ret)))
