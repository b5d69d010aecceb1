using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// A goto to a label later in an enclosing block is structured with a flag per label (tests/programs/forwardGotos.cu
/// runs the working shapes on every device, host and device code). What the flags cannot express — a jump backwards,
/// into a block, or out of the scope of an object whose destructor runs code — is refused at the goto with TR0403.
/// </summary>
public sealed class GotoTests : FrontendTestBase
{
    [Theory]
    [InlineData("again: v++; if (v < 10) goto again;", 3, "'goto again' jumps backwards")]
    [InlineData("if (v) goto inside; { inside: v++; }", 3, "'goto inside' jumps backwards or into a block")]
    [InlineData("{ Guard g; if (v) goto out; v++; } out: v--;", 3, "leaves or skips the scope of an object with a destructor")]
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
