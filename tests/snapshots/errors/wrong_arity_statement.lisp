(c-lisp
  (define ((g void) (c bool))
    (if c)))
