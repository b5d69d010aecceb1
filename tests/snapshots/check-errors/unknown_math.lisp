(c-lisp
  (define ((f float) (x float))
    (ret (math sqrtt x))))
