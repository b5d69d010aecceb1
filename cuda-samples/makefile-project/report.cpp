#include "report.h"
#include <sstream>

std::string firstDifference(const float *got, const float *want, int n)
{
    for (int i = 0; i < n; ++i)
        if (got[i] != want[i]) {
            std::ostringstream text;
            text << "element " << i << ": " << got[i] << " != " << want[i];
            return text.str();
        }
    return "";
}
