namespace Translate.Tests.Interpreter;

public class AtomicTests : InterpreterTestBase
{
    [Fact]
    public void Every_thread_adds_once_and_the_counter_sees_them_all()
    {
        AssertPrints("512 511 2.000000 0\n", """
            (c-lisp
              (define-kernel ((k void) (count (ptr int)) (mx (ptr int)) (f (ptr float)) (mn (ptr int)))
                (declare t int)
                (set t (add (mul [bid.x] [bdim.x]) [tid.x]))
                (atomic-rmw add count 1 device relaxed)
                (atomic-rmw max mx t device relaxed)
                (atomic-rmw min mn t device relaxed)
                (if (lt t 4) (atomic-rmw fadd f (float 0.5) device relaxed)))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 16) 1)
                (store (ptradd d 3) 1000)
                (launch k (grid 2 1 1) (block 256 1 1) (shared (int64 0)) (stream (null (ptr int8)))
                  d (ptradd d 1) (bitcast (ptradd d 2) (ptr float)) (ptradd d 3))
                (call printf (string "%d %d %f %d\n") (load d) (load (ptradd d 1))
                  (fpext (load (bitcast (ptradd d 2) (ptr float))) double) (load (ptradd d 3)))
                (ret 0)))
            """);
    }

    [Fact]
    public void Inc_and_dec_wrap_like_atomicInc_and_atomicDec()
    {
        // atomicInc(p, 2) from 0: 0,1,2 then wraps to 0. atomicDec(p, 5) from 0 gives 5 (0 or > limit reloads the limit).
        AssertPrints("old 2 now 0 | old 0 now 5 | old 7 now 5\n", """
            (c-lisp
              (define ((main int))
                (declare p (ptr int))
                (set p (bitcast (call malloc (int64 8)) (ptr int)))
                (store p 0)
                (atomic-rmw uinc p 2 device relaxed)
                (atomic-rmw uinc p 2 device relaxed)
                (declare o int)
                (set o (atomic-rmw uinc p 2 device relaxed))
                (call printf (string "old %d now %d | ") o (load p))
                (store p 0)
                (set o (atomic-rmw udec p 5 device relaxed))
                (call printf (string "old %d now %d | ") o (load p))
                (store p 7)
                (set o (atomic-rmw udec p 5 device relaxed))
                (call printf (string "old %d now %d\n") o (load p))
                (ret 0)))
            """);
    }

    [Fact]
    public void Compare_and_swap_exchange_load_and_store()
    {
        AssertPrints("5 9 9 3 4\n", """
            (c-lisp
              (define ((main int))
                (declare p (ptr int))
                (set p (bitcast (call malloc (int64 4)) (ptr int)))
                (store p 5)
                (declare a int) (declare b int)
                (set a (atomic-cas p 5 9 device seq_cst))
                (set b (atomic-cas p 5 1 device seq_cst))
                (declare c int)
                (set c (atomic-load p device acquire))
                (atomic-store p 3 device release)
                (declare e int)
                (set e (atomic-rmw exch p 4 device relaxed))
                (call printf (string "%d %d %d %d %d\n") a b c e (load p))
                (ret 0)))
            """);
    }
}
