(c-lisp
  (defun ((main int)) (ret 0)))
