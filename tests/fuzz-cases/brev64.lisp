; opencl: the emitted tr_brev64 helper calls tr_brev32, which was not emitted with it (TR0505).
(c-lisp
  (define-kernel ((k void) (out (ptr int64)) (x int64))
    (store out (math brev x)))
  (define ((main int))
    (declare out (ptr int64))
    (call cudaMallocManaged (ptr-to out) 8 1)
    (launch k (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) out (int64 0x123456789))
    (call cudaDeviceSynchronize)
    (call printf (string "%lld\n") (load out))))
