namespace Translate.Tests.Interpreter;

public class ControlFlowTests : InterpreterTestBase
{
    /// <summary>Upstream C-Lisp only: structs, arrays, pointers, recursion, globals with initializers, casts.</summary>
    [Fact]
    public void A_pure_upstream_program_runs_with_its_expected_output()
    {
        AssertPrints("fib(15) = 610\nsum = 45\narea = 12\nfirst = 7 last = 11\ncounter = 3\n-1 255 4294967295\n", """
            (c-lisp
              (define-struct rect (w int) (h int))
              (define-global (counter int) (const 0))
              (define-global (primes (arr 5 int)) (const (2 3 5 7 11)))
              (define ((fib int) (n int))
                (if (lt n 2) (ret n))
                (ret (add (call fib (sub n 1)) (call fib (sub n 2)))))
              (define ((bump void))
                (store (ptr-to counter) (add (load (ptr-to counter)) 1)))
              (define ((area int) (r (ptr (struct rect))))
                (ret (mul (load (sptradd r w)) (load (sptradd r h)))))
              (define ((main int))
                (call printf (string "fib(15) = %d\n") (call fib 15))
                (declare xs (arr 10 int))
                (declare i int)
                (for ((set i 0) (lt i 10) (set i (add i 1)))
                  (store (aptradd xs i) i))
                (declare sum int)
                (set sum 0)
                (declare j int)
                (set j 0)
                (while (lt j 10)
                  (set sum (add sum (load (aptradd xs j))))
                  (set j (add j 1)))
                (call printf (string "sum = %d\n") sum)
                (declare r (struct rect))
                (store (sptradd (ptr-to r) w) 3)
                (store (sptradd (ptr-to r) h) 4)
                (call printf (string "area = %d\n") (call area (ptr-to r)))
                (call printf (string "first = %d last = %d\n") (load (aptradd primes 3)) (load (aptradd primes 4)))
                (call bump) (call bump) (call bump)
                (call printf (string "counter = %d\n") counter)
                (declare b int8)
                (set b (trunc 255 int8))
                (call printf (string "%d %d %u\n") (sext b int) (zext b int) (sext b int))
                (ret 0)))
            """);
    }

    [Fact]
    public void Break_continue_switch_and_short_circuit_follow_C()
    {
        AssertPrints("1 3 5 | two three default | 0\n", """
            (c-lisp
              (define ((boom bool)) (call printf (string "boom")) (ret #t))
              (define ((main int))
                (declare i int)
                (for ((set i 0) (lt i 100) (set i (add i 1)))
                  (if (ge i 6) (break))
                  (if (eq (rem i 2) 0) (continue))
                  (call printf (string "%d ") i))
                (call printf (string "|"))
                (switch 2
                  (case (1) (call printf (string " one")))
                  (case (2) (call printf (string " two")))
                  (case (3) (call printf (string " three")))
                  (default (call printf (string " default"))))
                (call printf (string " | %d\n") (zext (land #f (call boom)) int))
                (ret 0)))
            """);
    }

    [Fact]
    public void Main_returns_its_exit_status_and_exit_ends_the_program()
    {
        Assert.Equal(42, Run("(c-lisp (define ((main int)) (ret 42)))").ExitCode);
        var o = Run("""
            (c-lisp
              (define ((main int)) (call printf (string "a\n")) (call exit 3) (call printf (string "b\n")) (ret 0)))
            """);
        Assert.Equal(("a\n", 3), (o.Stdout, o.ExitCode));
    }

    [Fact]
    public void Main_receives_argc_and_argv()
    {
        var o = Run("""
            (c-lisp
              (define ((main int) (argc int) (argv (ptr (ptr int8))))
                (call printf (string "%d %s\n") argc (load (ptradd argv 1)))
                (ret 0)))
            """, "hello");
        Assert.Equal("2 hello\n", o.Stdout);
        var w = Run("""
            (c-lisp
              (define ((main int) (argc int) (argv (ptr (ptr int8))))
                (store (load (ptradd argv 1)) (trunc 74 int8))
                (call printf (string "%s\n") (load (ptradd argv 1)))
                (ret 0)))
            """, "hello");
        Assert.Equal("Jello\n", w.Stdout); // argv strings are writable, as C promises
    }

    [Fact]
    public void Runaway_recursion_is_TR0309_not_a_crash()
    {
        RunFails("""
            (c-lisp
              (define ((down int) (n int)) (ret (call down (add n 1))))
              (define ((main int)) (ret (call down 0))))
            """, Ir.Diagnostics.Codes.StackOverflow);
    }

    [Fact]
    public void Struct_values_pass_and_return_by_value()
    {
        AssertPrints("3 9\n", """
            (c-lisp
              (define-struct pair (a int) (b int))
              (define ((swap-scale (struct pair)) (p (struct pair)) (k int))
                (ret (make (struct pair) (mul (extractvalue p b) k) (extractvalue p a))))
              (define ((main int))
                (declare p (struct pair))
                (set p (make (struct pair) 3 1))
                (declare q (struct pair))
                (set q (call swap-scale p 3))
                (set q (insertvalue q 9 b))
                (call printf (string "%d %d\n") (extractvalue q a) (extractvalue q b))
                (ret 0)))
            """);
    }
}
