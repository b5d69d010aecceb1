; sitofp goes from an integer to a float, not the other way
(c-lisp
  (define ((f int) (x float))
    (ret (sitofp x int))))
