; [tid.x] means nothing in host code
(c-lisp
  (define ((main int))
    (ret [tid.x])))
