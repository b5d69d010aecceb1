#pragma once
// Runs a 1-D three-point stencil on the device over n values (host pointers in, host pointer out).
void deviceStencil(const float *in, float *out, int n);
