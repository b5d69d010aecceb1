(c-lisp
  ; the break leaves the endless loop, so control reaches the end without (ret)
  (define ((first_positive int) (p (ptr int)) (n int))
    (declare i int)
    (set i 0)
    (while #t
      (if (ge i n) (break))
      (if (gt (load (ptradd p i)) 0) (ret (load (ptradd p i))))
      (set i (add i 1)))))
