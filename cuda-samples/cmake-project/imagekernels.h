#pragma once
// Device implementations behind plain C++ functions (host pointers in and out).

// bins[v] = how many of the n bytes equal v (256 bins).
void deviceHistogram(const unsigned char *data, int n, unsigned int *bins);

// out[i] = min(255, in[i] * numerator / denominator).
void deviceScale(const unsigned char *in, unsigned char *out, int n, int numerator, int denominator);
