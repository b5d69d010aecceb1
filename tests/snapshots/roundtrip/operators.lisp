; every operator: integer, unsigned, bitwise, float, comparisons and logic
(c-lisp
  (define ((ints int) (a int) (b int))
    (declare r int)
    (set r (add a b)) (set r (sub r a)) (set r (mul r b)) (set r (div r 3)) (set r (rem r 7))
    (set r (udiv r 5)) (set r (urem r 9)) (set r (shl r 2)) (set r (lshr r 1)) (set r (ashr r 1))
    (set r (xor r a)) (set r (and r 255)) (set r (or r 16)) (set r (not r))
    (ret r))

  (define ((floats double) (x double) (y double))
    (ret (fneg (frem (fdiv (fmul (fsub (fadd x y) y) x) y) 2.5))))

  (define ((compare bool) (a int) (b int) (x float) (y float))
    (declare s bool)
    (set s (and (eq a b) (or (ne a b) (xor (lt a b) (gt a b)))))
    (set s (and s (and (le a b) (ge a b))))
    (set s (or s (and (ult a b) (ugt a b))))
    (set s (or s (and (ule a b) (uge a b))))
    (set s (or s (and (feq x y) (fne x y))))
    (set s (or s (and (flt x y) (and (fgt x y) (and (fle x y) (fge x y))))))
    (set s (not s))
    (ret (lor (land s (lt a 0)) (select s #t #f)))))
