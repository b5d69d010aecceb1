(c-lisp
  (define ((f void) (p (ptr float)))
    (store p (int64 1))))
