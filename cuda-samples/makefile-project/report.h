#pragma once
#include <string>
// Compares two arrays and describes the first difference ("" when equal).
std::string firstDifference(const float *got, const float *want, int n);
