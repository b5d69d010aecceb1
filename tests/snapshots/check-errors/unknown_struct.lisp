(c-lisp
  (define ((f int) (p (ptr (struct missing))))
    (ret 0)))
