(c-lisp
  (define-brilisp ((f int) (x int))
    (set (y int) (add x 1))
    (jmp .done)
    (label .done)
    (ret y)))
