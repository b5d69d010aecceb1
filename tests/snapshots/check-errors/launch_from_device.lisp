(c-lisp
  (define-kernel ((child void)) (ret))
  (define-kernel ((parent void))
    (launch child (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))))))
