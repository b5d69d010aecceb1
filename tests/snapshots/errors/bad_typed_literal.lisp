; a typed literal needs a number of that kind
(c-lisp
  (define ((f int8))
    (ret (int8 1.5))))
