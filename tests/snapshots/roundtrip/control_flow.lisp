; every statement form: if with and without else, blocks, for with parts left out,
; while, do-while, break, continue, switch with fall-through and a default arm
(c-lisp
  (define ((classify int) (x int))
    (declare r int)
    (set r 0)
    (switch x
      (case (0) (set r 10))                ; falls through into the next arm
      (case (1 2 3) (set r (add r 1)) (break))
      (case (0x10 -1) (ret -1))
      (default (set r 99)))
    (ret r))

  (define ((loops int) (n int))
    (declare total int)
    (set total 0)
    (for (() () ())
      (if (ge total n) (break))
      (set total (add total 1)))
    (declare i int)
    (set i 0)
    (while (lt i n)
      (set i (add i 1))
      (if (eq (call srem_safe i) 0) (continue) ((set total (add total i)) (set total (sub total 1)))))
    (do-while (gt i 0)
      (set i (sub i 2)))
    (if #t ((declare j int) (set j 3) (set total (mul total j))))
    (if #f () ((ret total)))
    (ret total))

  (define ((srem_safe int) (x int))
    (ret (rem x 3))))
