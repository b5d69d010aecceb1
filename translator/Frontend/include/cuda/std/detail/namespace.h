/* libcu++ names the C++ standard library in namespace cuda::std (cuda::std::is_same, cuda::std::numeric_limits,
   cuda::std::array). Translate's cuda::std is the host compiler's own standard library named there too, by a
   using-directive: a qualified name finds std's own entity (the same template, the same overload set), so code
   written for either compiles the same. Device code may use of it what it may use of std: constexpr functions,
   templates, types (translator/Frontend/README.md). */
#pragma once
namespace cuda {
namespace std {
using namespace ::std;
} // namespace std
} // namespace cuda
