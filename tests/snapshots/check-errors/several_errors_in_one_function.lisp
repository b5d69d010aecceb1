; the checker reports every error it finds, in source order
(c-lisp
  (define ((f int) (x int))
    (set y 1)
    (declare b bool)
    (set b x)
    (ret (call h))))
