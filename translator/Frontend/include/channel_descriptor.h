/* cudaCreateChannelDesc<T>(): the channel format of an element type (bits per component and kind). */
#pragma once
#define __CHANNEL_DESCRIPTOR_H__
#include "cuda_runtime_api.h"

template <class T> __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc(void) {
  return cudaCreateChannelDesc(0, 0, 0, 0, cudaChannelFormatKindNone);
}
#define __TR_CHANNEL(T, X, Y, Z, W, K)                                              \
  template <> __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc<T>(void) { \
    return cudaCreateChannelDesc(X, Y, Z, W, K);                                    \
  }
#define __TR_CHANNELS(T, B, K)                              \
  __TR_CHANNEL(T, B, 0, 0, 0, K)                            \
  __TR_CHANNEL(T##1, B, 0, 0, 0, K)                         \
  __TR_CHANNEL(T##2, B, B, 0, 0, K)                         \
  __TR_CHANNEL(T##4, B, B, B, B, K)
__TR_CHANNEL(char, 8, 0, 0, 0, cudaChannelFormatKindSigned)
__TR_CHANNEL(signed char, 8, 0, 0, 0, cudaChannelFormatKindSigned)
__TR_CHANNEL(char1, 8, 0, 0, 0, cudaChannelFormatKindSigned)
__TR_CHANNEL(char2, 8, 8, 0, 0, cudaChannelFormatKindSigned)
__TR_CHANNEL(char4, 8, 8, 8, 8, cudaChannelFormatKindSigned)
__TR_CHANNEL(unsigned char, 8, 0, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(uchar1, 8, 0, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(uchar2, 8, 8, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(uchar4, 8, 8, 8, 8, cudaChannelFormatKindUnsigned)
__TR_CHANNELS(short, 16, cudaChannelFormatKindSigned)
__TR_CHANNEL(unsigned short, 16, 0, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(ushort1, 16, 0, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(ushort2, 16, 16, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(ushort4, 16, 16, 16, 16, cudaChannelFormatKindUnsigned)
__TR_CHANNELS(int, 32, cudaChannelFormatKindSigned)
__TR_CHANNEL(unsigned int, 32, 0, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(uint1, 32, 0, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(uint2, 32, 32, 0, 0, cudaChannelFormatKindUnsigned)
__TR_CHANNEL(uint4, 32, 32, 32, 32, cudaChannelFormatKindUnsigned)
__TR_CHANNELS(float, 32, cudaChannelFormatKindFloat)
#undef __TR_CHANNELS
#undef __TR_CHANNEL
