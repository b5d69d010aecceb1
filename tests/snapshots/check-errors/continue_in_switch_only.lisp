; continue needs a loop: a switch alone is not enough
(c-lisp
  (define ((f void) (x int))
    (switch x
      (case (1) (continue)))))
