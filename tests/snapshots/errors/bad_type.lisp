(c-lisp
  (define ((f void) (p (pointer float)))
    (ret)))
