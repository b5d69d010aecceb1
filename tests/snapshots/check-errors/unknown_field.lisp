(c-lisp
  (define-struct point (x int) (y int))
  (define ((f int) (p (ptr (struct point))))
    (ret (load (sptradd p z)))))
