; vectorAdd — the CUDA SDK sample, lifted to the IR by hand (see ../README.md).
; Adds two vectors of 50000 random floats on the device and checks the sum on the host.
; Written from vectorAdd.cu beside it; `translate run` prints "Test PASSED" and exits 0.
(c-lisp
  ; C[i] = A[i] + B[i] for every i below numElements; one thread per element.
  (define-kernel ((vectorAdd void) (A (ptr float)) (B (ptr float)) (C (ptr float)) (numElements int))
    (declare i int)
    (set i (add (mul [bdim.x] [bid.x]) [tid.x]))
    (if (lt i numElements)
        (store (ptradd C i) (fadd (load (ptradd A i)) (load (ptradd B i))))))

  ; Stops the program when a CUDA call failed, saying which one (the sample's error checks).
  (define ((checkCuda void) (err int) (what (ptr int8)))
    (if (ne err 0)
        ((call printf (string "Failed to %s (error code %s)!\n") what (call cudaGetErrorString err))
         (call exit 1))))

  ; A host buffer of `size` bytes for floats; stops the program when malloc fails.
  (define ((allocHost (ptr float)) (size int64))
    (declare p (ptr float))
    (set p (bitcast (call malloc size) (ptr float)))
    (if (eq (ptrtoint p int64) (int64 0))
        ((call printf (string "Failed to allocate host vectors!\n"))
         (call exit 1)))
    (ret p))

  (define ((main int))
    (declare numElements int)
    (set numElements 50000)
    (declare size int64)
    (set size (mul (sext numElements int64) (int64 4)))
    (call printf (string "[Vector addition of %d elements]\n") numElements)

    (declare h_A (ptr float))
    (set h_A (call allocHost size))
    (declare h_B (ptr float))
    (set h_B (call allocHost size))
    (declare h_C (ptr float))
    (set h_C (call allocHost size))

    ; Inputs in [0, 1]: rand() / (float)RAND_MAX, with glibc's RAND_MAX.
    (for ((declare i int) (lt i numElements) (set i (add i 1)))
      (store (ptradd h_A i) (fdiv (sitofp (call rand) float) (float 2147483647)))
      (store (ptradd h_B i) (fdiv (sitofp (call rand) float) (float 2147483647))))

    (declare d_A (ptr float))
    (declare d_B (ptr float))
    (declare d_C (ptr float))
    (call checkCuda (call cudaMalloc (ptr-to d_A) size) (string "allocate device vector A"))
    (call checkCuda (call cudaMalloc (ptr-to d_B) size) (string "allocate device vector B"))
    (call checkCuda (call cudaMalloc (ptr-to d_C) size) (string "allocate device vector C"))

    (call printf (string "Copy input data from the host memory to the CUDA device\n"))
    (call checkCuda (call cudaMemcpy d_A h_A size 1) (string "copy vector A from host to device"))
    (call checkCuda (call cudaMemcpy d_B h_B size 1) (string "copy vector B from host to device"))

    (declare threadsPerBlock int)
    (set threadsPerBlock 256)
    (declare blocksPerGrid int)
    (set blocksPerGrid (div (sub (add numElements threadsPerBlock) 1) threadsPerBlock))
    (call printf (string "CUDA kernel launch with %d blocks of %d threads\n") blocksPerGrid threadsPerBlock)
    (launch vectorAdd (grid blocksPerGrid 1 1) (block 256 1 1) (shared 0) (stream (null (ptr int8)))
      d_A d_B d_C numElements)
    (call checkCuda (call cudaGetLastError) (string "launch vectorAdd kernel"))

    (call printf (string "Copy output data from the CUDA device to the host memory\n"))
    (call checkCuda (call cudaMemcpy h_C d_C size 2) (string "copy vector C from device to host"))

    (for ((declare i int) (lt i numElements) (set i (add i 1)))
      (if (fgt (call fabsf (fsub (fadd (load (ptradd h_A i)) (load (ptradd h_B i))) (load (ptradd h_C i)))) 1e-5)
          ((call printf (string "Result verification failed at element %d!\n") i)
           (ret 1))))
    (call printf (string "Test PASSED\n"))

    (call checkCuda (call cudaFree d_A) (string "free device vector A"))
    (call checkCuda (call cudaFree d_B) (string "free device vector B"))
    (call checkCuda (call cudaFree d_C) (string "free device vector C"))
    (call free h_A)
    (call free h_B)
    (call free h_C)
    (call printf (string "Done\n"))
    (ret 0)))
