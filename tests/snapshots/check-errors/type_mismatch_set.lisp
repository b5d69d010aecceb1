; an int64 value cannot be stored in an int variable without (trunc ... int)
(c-lisp
  (define ((f void) (w int64))
    (declare x int)
    (set x w)))
