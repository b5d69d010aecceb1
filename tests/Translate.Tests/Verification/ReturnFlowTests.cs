using Translate.Ir.Diagnostics;

namespace Translate.Tests.Verification;

/// <summary>
/// A function that returns a value must not run off its end (TR0218 at the function), or the
/// devices would hand back an undefined value without a word. Loops and branches are judged
/// honestly: only a path that really reaches the end counts.
/// </summary>
public class ReturnFlowTests : CheckerTestBase
{
    private static void Accepted(string body, string signature = "((f int) (x int))") =>
        Check($"(c-lisp (define {signature} {body}))");

    private static Diagnostic Rejected(string body, string signature = "((f int) (x int))") =>
        ExpectError($"(c-lisp\n  (define {signature} {body}))", Codes.FallsOffEnd);

    [Fact]
    public void An_if_without_else_that_returns_falls_off_the_end_reported_at_the_function()
    {
        var d = Rejected("(if (gt x 0) (ret x))");
        Assert.Equal((2, 3), (d.Location.Line, d.Location.Column));
        Assert.Contains("'f' returns int", d.Message);
    }

    [Fact]
    public void A_body_with_no_ret_at_all_falls_off_the_end() => Rejected("(set x 1)");

    [Fact]
    public void If_and_else_both_returning_do_not_fall_through() =>
        Accepted("(if (gt x 0) (ret x) ((set x (sub 0 x)) (ret x)))");

    [Fact]
    public void Only_one_branch_returning_falls_through() =>
        Rejected("(if (gt x 0) (ret x) (set x 1))");

    [Fact]
    public void A_while_true_loop_without_break_never_ends() =>
        Accepted("(while #t (if (gt x 3) (ret x)) (set x (add x 1)))");

    [Fact]
    public void A_for_loop_without_a_condition_never_ends() =>
        Accepted("(for (() () ()) (if (gt x 3) (ret x)) (set x (add x 1)))");

    [Fact]
    public void A_do_while_true_loop_never_ends() =>
        Accepted("(do-while #t (if (gt x 3) (ret x)) (continue))");

    [Fact]
    public void A_break_out_of_a_while_true_loop_reaches_the_end() =>
        Rejected("(while #t (if (gt x 3) (break)) (set x (add x 1)))");

    [Fact]
    public void A_loop_whose_condition_can_be_false_reaches_the_end() =>
        Rejected("(while (lt x 10) (ret x))");

    [Fact]
    public void A_do_while_that_continues_to_a_false_test_reaches_the_end() =>
        Rejected("(do-while (lt x 3) (if (gt x 1) (continue)) (ret x))");

    [Fact]
    public void A_break_of_an_inner_loop_does_not_leave_the_outer_one() =>
        Accepted("(while #t (while (lt x 3) (break)) (if (gt x 3) (ret x)))");

    [Fact]
    public void A_break_of_a_switch_inside_an_endless_loop_does_not_leave_the_loop() =>
        Accepted("(while #t (switch x (case (1) (break)) (default (ret x))))");

    [Fact]
    public void A_break_after_a_return_is_unreachable_and_does_not_count() =>
        Accepted("(while #t (ret x) (break))");

    [Fact]
    public void A_switch_whose_arms_all_return_including_default_does_not_fall_through() =>
        Accepted("(switch x (case (1) (set x 2)) (case (2) (ret 1)) (default (ret 0)))");

    [Fact]
    public void A_switch_without_default_falls_through_for_unmatched_values() =>
        Rejected("(switch x (case (1) (ret 1)) (case (2) (ret 2)))");

    [Fact]
    public void A_switch_arm_that_breaks_falls_through() =>
        Rejected("(switch x (case (1) (break)) (default (ret 0)))");

    [Fact]
    public void A_switch_whose_last_arm_ends_falls_through() =>
        Rejected("(switch x (default (ret 0)) (case (1) (set x 2)))");

    [Fact]
    public void Trap_exit_and_abort_never_return() =>
        Check("""
            (c-lisp
              (define ((a int) (x int)) (if (gt x 0) (ret x)) (trap))
              (define ((b int) (x int)) (if (gt x 0) (ret x)) (call exit 3))
              (define ((c int) (x int)) (if (gt x 0) (ret x)) (call abort)))
            """);

    [Fact]
    public void A_module_function_named_exit_is_an_ordinary_call() =>
        ExpectError("""
            (c-lisp
              (define ((exit void) (s int)) (ret))
              (define ((f int) (x int)) (call exit x)))
            """, Codes.FallsOffEnd);

    [Fact]
    public void Main_may_fall_off_its_end_as_in_C() =>
        Accepted("(call printf (string \"hi\\n\"))", "((main int))");

    [Fact]
    public void A_void_function_may_fall_off_its_end() =>
        Accepted("(if (gt x 0) (ret))", "((g void) (x int))");
}
