; load takes one pointer; if takes a condition and one or two branches
(c-lisp
  (define ((f int) (p (ptr int)))
    (ret (load p p))))
