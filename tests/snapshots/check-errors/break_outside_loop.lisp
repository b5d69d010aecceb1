(c-lisp
  (define ((f void))
    (break)))
