; there is no "frobnicate" form; the error points at the form, not the definition
(c-lisp
  (define ((f int) (x int))
    (declare y int)
    (set y (frobnicate x 1))
    (ret y)))
