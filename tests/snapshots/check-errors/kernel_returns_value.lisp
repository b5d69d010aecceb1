(c-lisp
  (define-kernel ((k int) (n int))
    (ret n)))
