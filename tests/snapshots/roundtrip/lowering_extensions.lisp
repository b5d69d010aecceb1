; forms a CUDA-to-IR lifter emits: source locations, begin (C's comma and assignment
; expressions), alloc, asm, trap, inline functions and external declarations
(c-lisp
  (define ((abort void)))
  (define-inline ((clamp int) (x int) (lo int) (hi int))
    (ret (cond (lt x lo) lo (cond (gt x hi) hi x))))

  (define ((lifted int) (n int))
    (loc "kernel.cu" 12 5)
    (declare buf (ptr int))
    (set buf (alloc int n))
    (loc "kernel.cu" 13 5)
    (declare i int)
    (set i 0)
    ; while ((x = buf[i++]) != 0)
    (while (ne (begin (declare t int) (set t i) (set i (add i 1)) (load (ptradd buf t))) 0)
      (loc "kernel.cu" 14 9)
      (if (gt i n) ((call abort) (trap))))
    (declare lane int)
    (set lane (asm "mov.u32 $0, %laneid;" "=r" int))
    (declare sum int)
    (set sum (asm "add.s32 $0, $1, $2;" "=r,r,r" int i lane))
    (loc "path with \"quotes\".cu" 0 0)
    (ret (call clamp (begin sum) 0 100))))
