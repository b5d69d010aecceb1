/* NVTX 3's C++ API (our own text, written from its documentation): RAII ranges, marks, attributes.
   Over the C API of nvToolsExt.h, which does nothing while no profiler is attached (always here), so
   these types only have to accept what programs pass them. */
#pragma once
#include "nvToolsExt.h"
#include <string>

namespace nvtx3 {
inline namespace v1 {

struct rgb {
  using component_type = uint8_t;
  constexpr rgb(component_type r, component_type g, component_type b) noexcept : red(r), green(g), blue(b) {}
  component_type red, green, blue;
};
struct argb : rgb {
  constexpr argb(component_type a, component_type r, component_type g, component_type b) noexcept : rgb(r, g, b), alpha(a) {}
  component_type alpha;
};
class color {
public:
  using value_type = uint32_t;
  constexpr explicit color(value_type hex) noexcept : value_(hex) {}
  constexpr color(argb c) noexcept : value_((uint32_t)c.alpha << 24 | (uint32_t)c.red << 16 | (uint32_t)c.green << 8 | c.blue) {}
  constexpr color(rgb c) noexcept : color(argb(0xFF, c.red, c.green, c.blue)) {}
  constexpr value_type get_value() const noexcept { return value_; }

private:
  value_type value_;
};
class category {
public:
  using id_type = uint32_t;
  constexpr explicit category(id_type id) noexcept : id_(id) {}
  constexpr id_type get_id() const noexcept { return id_; }

private:
  id_type id_;
};
class message {
public:
  message(const char *m) noexcept : ascii_(m) {}
  message(const std::string &m) noexcept : ascii_(m.c_str()) {}
  message(const wchar_t *) noexcept : ascii_(nullptr) {}
  const char *ascii() const noexcept { return ascii_; }

private:
  const char *ascii_;
};
class payload {
public:
  template <typename T> constexpr explicit payload(T) noexcept {}
};

/* Attributes of an event: any mix of color, category, message and payload, in any order. */
class event_attributes {
public:
  event_attributes() noexcept : attributes_{} {
    attributes_.version = NVTX_VERSION;
    attributes_.size = NVTX_EVENT_ATTRIB_STRUCT_SIZE;
  }
  template <typename... Args> explicit event_attributes(const Args &...) noexcept : event_attributes() {}
  const nvtxEventAttributes_t *get() const noexcept { return &attributes_; }

private:
  nvtxEventAttributes_t attributes_;
};

struct domain {
  struct global {};
};

template <typename D = domain::global> class scoped_range_in {
public:
  scoped_range_in() noexcept {}
  template <typename... Args> explicit scoped_range_in(const Args &...) noexcept {}
  scoped_range_in(const scoped_range_in &) = delete;
  scoped_range_in &operator=(const scoped_range_in &) = delete;
  ~scoped_range_in() noexcept {}
};
using scoped_range = scoped_range_in<domain::global>;

template <typename D = domain::global> class unique_range_in {
public:
  template <typename... Args> explicit unique_range_in(const Args &...) noexcept {}
};
using unique_range = unique_range_in<domain::global>;

template <typename D = domain::global, typename... Args> inline void mark_in(const Args &...) noexcept {}
template <typename... Args> inline void mark(const Args &...) noexcept {}

} // namespace v1
} // namespace nvtx3

#define NVTX3_FUNC_RANGE() ::nvtx3::scoped_range const nvtx3_range__ { __func__ }
#define NVTX3_FUNC_RANGE_IN(D) ::nvtx3::scoped_range_in<D> const nvtx3_range__ { __func__ }
