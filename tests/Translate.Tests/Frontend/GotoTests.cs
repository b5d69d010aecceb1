using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// A goto to a label in an enclosing block is structured with a flag per label: forwards, the statements jumped over
/// are guarded; backwards, the statements from the label to the last goto back become a do-while
/// (tests/programs/gotos.cu runs the working shapes on every device, host and device code); objects in the scopes a
/// jump leaves are destroyed, those it skips never were. What the flags cannot express — a jump into a block, or a loop
/// written with goto around a break of an enclosing loop — is refused with TR0403.
/// </summary>
public sealed class GotoTests : FrontendTestBase
{
    [Theory]
    [InlineData("if (v) goto inside; { inside: v++; }", 3, "'goto inside' jumps into a block")]
    [InlineData("for (;;) { again: v++; if (v > 5) break; if (v < 10) goto again; }", 3, "a break between label 'again' and a goto back to it")]
    public void A_jump_the_flags_cannot_express_is_refused_at_the_goto(string body, int line, string reason)
    {
        var result = Lift($$"""
            struct Guard { int *p; __device__ ~Guard() { *p = 0; } };
            __global__ void k(int *out) { int v = out[0];
                {{body}}
                out[0] = v; }
            """);
        var diagnostic = ExpectDiagnostic(result, Codes.UnsupportedStatement, line);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Theory]
    [MemberData(nameof(Requirements.WholeProgramDevices), MemberType = typeof(Requirements))]
    public void Jumps_destroy_the_objects_of_the_scopes_they_leave_and_not_those_they_skip(string device)
    {
        // What g++ prints for the same program.
        var printed = LiftAndRun("""
            #include <cstdio>
            struct T { int id; T(int i) : id(i) { printf("+%d ", id); } ~T() { printf("-%d ", id); } };
            int main() {
                for (int i = 0; i < 3; i++) {
                    T a(10 + i);
                    {
                        T b(20 + i);
                        if (i == 1) goto next;
                        T c(30 + i);
                        if (i == 2) goto out;
                    }
                    printf("mid ");
                next:
                    printf("n%d ", i);
                }
            out:
                printf("end\n");
                return 0;
            }
            """, device);
        Assert.Equal("+10 +20 +30 -30 -20 mid n0 -10 +11 +21 -21 n1 -11 +12 +22 +32 -32 -22 -12 end\n", printed);
    }

    [Fact]
    public void A_loop_written_with_goto_runs_until_the_jump_back_is_not_taken()
    {
        var printed = LiftAndRun("""
            #include <cstdio>
            int main() {
                int n = 0, sum = 0;
            again:
                sum += n;
                if (++n < 5) goto again;
                printf("%d %d\n", n, sum);
                return 0;
            }
            """, "interp");
        Assert.Equal("5 10\n", printed);
    }

    [Fact]
    public void The_flag_is_cleared_each_time_the_labels_block_begins_again()
    {
        // Odd rounds jump to the end of the body; the jump must not carry into the next round.
        var printed = LiftAndRun("""
            #include <cstdio>
            int main() {
                int sum = 0;
                for (int i = 0; i < 6; i++) {
                    if (i % 2) goto next;
                    sum += 10;
                next:
                    sum += 1;
                }
                printf("%d\n", sum);
                return 0;
            }
            """, "interp");
        Assert.Equal("36\n", printed);
    }
}
