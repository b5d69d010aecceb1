; opencl: fuzz seed 61731, reduced. A loop's counter, with a trip count that differs by thread, read after a barrier
; that follows the loop: PoCL 3.1 takes a loop's counter (from 0, step 1) for the same value in every work-item, so
; one work-item's copy crossed the barrier (every work-item stored 255 for seed 61731). Three shapes: a search that
; breaks on a shared value, the same as a while with two conditions, and a return inside the loop (the exited
; work-items' flag, ir/Transformations/ExitedWorkItems.cs, is what made seed 61731's loop have two exits).
(c-lisp
  (define-kernel ((k void) (out (ptr int)) (keys (ptr int)))
    (define-shared z (arr 256 int))
    (declare t int) (set t [tid.x])
    (store (aptradd z t) (load (ptradd keys t)))
    [__syncthreads]
    (declare i int) (set i 0)
    (do-while (lt i t)
      (set i (add i 1))
      (if (eq (load (aptradd z (rem i 256))) 5) (break)))
    (declare j int) (set j 0)
    (while (and (ne (load (aptradd z j)) 7) (lt j t)) (set j (add j 1)))
    (declare m int) (set m 0)
    (do-while (lt m t)
      (set m (add m 1))
      (if (eq (load (aptradd z m)) 9) (ret)))
    [__syncthreads]
    (store (ptradd out (mul t 3)) i)
    (store (ptradd out (add (mul t 3) 1)) j)
    (store (ptradd out (add (mul t 3) 2)) m))
  (define ((main int))
    (declare out (ptr int)) (declare keys (ptr int)) (declare n int) (declare s int64)
    (call cudaMallocManaged (ptr-to out) 3072 1)
    (call cudaMallocManaged (ptr-to keys) 1024 1)
    (for ((set n 0) (lt n 768) (set n (add n 1))) (store (ptradd out n) -1))
    (for ((set n 0) (lt n 256) (set n (add n 1))) (store (ptradd keys n) 0))
    (store (ptradd keys 100) 5)
    (store (ptradd keys 200) 7)
    (store (ptradd keys 250) 9)
    (launch k (grid 1 1 1) (block 256 1 1) (shared 0) (stream (null (ptr int8))) out keys)
    (call cudaDeviceSynchronize)
    (set s 0)
    (for ((set n 0) (lt n 768) (set n (add n 1))) (set s (add (mul s 31) (sext (load (ptradd out n)) int64))))
    (call printf (string "first %d %d %d, middle %d %d %d, last %d %d %d, checksum %lld\n")
      (load out) (load (ptradd out 1)) (load (ptradd out 2))
      (load (ptradd out 390)) (load (ptradd out 391)) (load (ptradd out 392))
      (load (ptradd out 765)) (load (ptradd out 766)) (load (ptradd out 767)) s)
    (ret 0)))
