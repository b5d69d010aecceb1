#include <cstdio>
#include <vector>
#include "report.h"
#include "stencil.h"

int main()
{
    const int n = 1000;
    std::vector<float> in(n), out(n), want(n);
    for (int i = 0; i < n; ++i) in[i] = float(i % 10);
    for (int i = 0; i < n; ++i)
        want[i] = 0.25f * (i > 0 ? in[i - 1] : 0.0f) + 0.5f * in[i] + 0.25f * (i + 1 < n ? in[i + 1] : 0.0f);
    deviceStencil(in.data(), out.data(), n);
    std::string diff = firstDifference(out.data(), want.data(), n);
    if (!diff.empty()) printf("%s\n", diff.c_str());
    printf(diff.empty() ? "Test PASSED\n" : "Test FAILED\n");
    return diff.empty() ? 0 : 1;
}
