(c-lisp
  (define ((f void))
    (declare i int)
    (for ((set i 0) (lt i 10))
      (set i (add i 1)))))
