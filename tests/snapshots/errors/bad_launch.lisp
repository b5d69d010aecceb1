(c-lisp
  (define-kernel ((k void)) (ret))
  (define ((main int))
    (launch k (grid 1 1) (block 32 1 1) (shared 0) (stream (null (ptr int8))))
    (ret 0)))
