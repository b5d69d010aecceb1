(c-lisp
  (define ((main int))
    (loc "blockSum.cu" 31 5)
    (declare in (ptr int))
    (declare out (ptr int))
    (loc "blockSum.cu" 32 5)
    (call cudaMalloc (ptr-to in) (int64 32))
    (loc "blockSum.cu" 33 5)
    (call cudaMalloc (ptr-to out) (int64 4))
    (loc "blockSum.cu" 34 5)
    (launch
      blockSum_8
      (grid 1 1 1)
      (block 8 1 1)
      (shared (int64 32))
      (stream (null (ptr int8)))
      (load (ptr-to in))
      (load (ptr-to out)))
    (loc "blockSum.cu" 35 5)
    (ret 0))
  (define-kernel ((blockSum_8 void) (in (ptr int)) (out (ptr int)))
    (loc "blockSum.cu" 8 5)
    (define-shared s (arr 8 int))
    (loc "blockSum.cu" 9 5)
    (define-shared scratch (arr 0 int))
    (loc "blockSum.cu" 10 5)
    (declare t int)
    (set t [tid.x])
    (loc "blockSum.cu" 11 5)
    (store (aptradd s t) (load (ptradd in t)))
    (loc "blockSum.cu" 12 5)
    (store (aptradd scratch t) 0)
    (loc "blockSum.cu" 13 5)
    [__syncthreads]
    (loc "blockSum.cu" 14 5)
    ((declare k int)
     (for ((set k 4) (gt k 0) (set k (div k 2)))
       (loc "blockSum.cu" 15 9)
       (if (lt t k)
         ((loc "blockSum.cu" 15 20)
          (store (aptradd s t) (add (load (aptradd s t)) (load (aptradd s (add t k)))))))
       (loc "blockSum.cu" 16 9)
       [__syncthreads]))
    (loc "blockSum.cu" 18 5)
    (declare idx int)
    (set idx 0)
    (loc "blockSum.cu" 19 5)
    (switch t
      (case (0)
        (loc "blockSum.cu" 21 9)
        (atomic-rmw
          add
          out
          (call
            twice
            (load
              (aptradd s (begin (declare tmp.1 int) (set tmp.1 idx) (set idx (add tmp.1 1)) tmp.1))))
          device
          relaxed))
      (case (1) (loc "blockSum.cu" 23 9) (break))
      (default
        (loc "blockSum.cu" 25 9)
        (store (aptradd scratch t) (sub (load (aptradd scratch t)) 1)))))
  (define ((twice int) (x int))
    (loc "blockSum.cu" 3 31)
    (ret (add x x))))
