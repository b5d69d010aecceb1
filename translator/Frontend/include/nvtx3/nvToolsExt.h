/* NVTX, the NVIDIA Tools Extension: annotations (ranges, marks, names) for profilers. Our own text,
   written from NVTX 3's documented C API. No profiler attaches here, so every call does what NVTX does
   when no tool is injected: nothing, with the documented "no tool" results (push and pop report
   NVTX_NO_PUSH_POP_TRACKING, range ids are 0). Header-only, as NVTX 3 is: nothing to link
   (-lnvToolsExt is accepted and ignored by translate's link). */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define NVTX_VERSION 3
#define NVTX_SUCCESS 0
#define NVTX_FAIL 1
#define NVTX_ERR_INIT_LOAD_PROPERTY 2
#define NVTX_ERR_INIT_ACCESS_LIBRARY 3
#define NVTX_ERR_INIT_LOAD_LIBRARY 4
#define NVTX_ERR_INIT_MISSING_LIBRARY_ENTRY_POINT 5
#define NVTX_ERR_INIT_FAILED_LIBRARY_ENTRY_POINT 6
#define NVTX_ERR_NO_INJECTION_LIBRARY_AVAILABLE 7
#define NVTX_NO_PUSH_POP_TRACKING ((int)-2)

#define __TR_NVTX_FN static inline

typedef uint64_t nvtxRangeId_t;
typedef struct nvtxDomainRegistration_st *nvtxDomainHandle_t;
typedef struct nvtxStringRegistration_st *nvtxStringHandle_t;

typedef enum nvtxColorType_t { NVTX_COLOR_UNKNOWN = 0, NVTX_COLOR_ARGB = 1 } nvtxColorType_t;
typedef enum nvtxMessageType_t {
  NVTX_MESSAGE_UNKNOWN = 0,
  NVTX_MESSAGE_TYPE_ASCII = 1,
  NVTX_MESSAGE_TYPE_UNICODE = 2,
  NVTX_MESSAGE_TYPE_REGISTERED = 3
} nvtxMessageType_t;
typedef enum nvtxPayloadType_t {
  NVTX_PAYLOAD_UNKNOWN = 0,
  NVTX_PAYLOAD_TYPE_UNSIGNED_INT64 = 1,
  NVTX_PAYLOAD_TYPE_INT64 = 2,
  NVTX_PAYLOAD_TYPE_DOUBLE = 3,
  NVTX_PAYLOAD_TYPE_UNSIGNED_INT32 = 4,
  NVTX_PAYLOAD_TYPE_INT32 = 5,
  NVTX_PAYLOAD_TYPE_FLOAT = 6
} nvtxPayloadType_t;
typedef enum nvtxResourceGenericType_t {
  NVTX_RESOURCE_TYPE_UNKNOWN = 0,
  NVTX_RESOURCE_TYPE_GENERIC_POINTER = 0x10001,
  NVTX_RESOURCE_TYPE_GENERIC_HANDLE = 0x10002,
  NVTX_RESOURCE_TYPE_GENERIC_THREAD_NATIVE = 0x10003,
  NVTX_RESOURCE_TYPE_GENERIC_THREAD_POSIX = 0x10004
} nvtxResourceGenericType_t;

typedef union nvtxMessageValue_t {
  const char *ascii;
  const wchar_t *unicode;
  nvtxStringHandle_t registered;
} nvtxMessageValue_t;

typedef struct nvtxEventAttributes_v2 {
  uint16_t version;
  uint16_t size;
  uint32_t category;
  int32_t colorType;
  uint32_t color;
  int32_t payloadType;
  int32_t reserved0;
  union payload_t {
    uint64_t ullValue;
    int64_t llValue;
    double dValue;
    uint32_t uiValue;
    int32_t iValue;
    float fValue;
  } payload;
  int32_t messageType;
  nvtxMessageValue_t message;
} nvtxEventAttributes_v2;
typedef nvtxEventAttributes_v2 nvtxEventAttributes_t;
#define NVTX_EVENT_ATTRIB_STRUCT_SIZE ((uint16_t)(sizeof(nvtxEventAttributes_t)))

typedef struct nvtxResourceAttributes_v0 {
  uint16_t version;
  uint16_t size;
  int32_t identifierType;
  union identifier_t {
    const void *pValue;
    uint64_t ullValue;
  } identifier;
  int32_t messageType;
  nvtxMessageValue_t message;
} nvtxResourceAttributes_v0;
typedef nvtxResourceAttributes_v0 nvtxResourceAttributes_t;
#define NVTX_RESOURCE_ATTRIB_STRUCT_SIZE ((uint16_t)(sizeof(nvtxResourceAttributes_t)))
typedef struct nvtxResourceHandle *nvtxResourceHandle_t;

__TR_NVTX_FN int nvtxInitialize(const void *reserved) { (void)reserved; return NVTX_SUCCESS; }

__TR_NVTX_FN void nvtxMarkEx(const nvtxEventAttributes_t *a) { (void)a; }
__TR_NVTX_FN void nvtxMarkA(const char *message) { (void)message; }
__TR_NVTX_FN void nvtxMarkW(const wchar_t *message) { (void)message; }

__TR_NVTX_FN nvtxRangeId_t nvtxRangeStartEx(const nvtxEventAttributes_t *a) { (void)a; return 0; }
__TR_NVTX_FN nvtxRangeId_t nvtxRangeStartA(const char *message) { (void)message; return 0; }
__TR_NVTX_FN nvtxRangeId_t nvtxRangeStartW(const wchar_t *message) { (void)message; return 0; }
__TR_NVTX_FN void nvtxRangeEnd(nvtxRangeId_t id) { (void)id; }

__TR_NVTX_FN int nvtxRangePushEx(const nvtxEventAttributes_t *a) { (void)a; return NVTX_NO_PUSH_POP_TRACKING; }
__TR_NVTX_FN int nvtxRangePushA(const char *message) { (void)message; return NVTX_NO_PUSH_POP_TRACKING; }
__TR_NVTX_FN int nvtxRangePushW(const wchar_t *message) { (void)message; return NVTX_NO_PUSH_POP_TRACKING; }
__TR_NVTX_FN int nvtxRangePop(void) { return NVTX_NO_PUSH_POP_TRACKING; }

__TR_NVTX_FN void nvtxNameCategoryA(uint32_t category, const char *name) { (void)category; (void)name; }
__TR_NVTX_FN void nvtxNameCategoryW(uint32_t category, const wchar_t *name) { (void)category; (void)name; }
__TR_NVTX_FN void nvtxNameOsThreadA(uint32_t threadId, const char *name) { (void)threadId; (void)name; }
__TR_NVTX_FN void nvtxNameOsThreadW(uint32_t threadId, const wchar_t *name) { (void)threadId; (void)name; }

__TR_NVTX_FN nvtxDomainHandle_t nvtxDomainCreateA(const char *name) { (void)name; return (nvtxDomainHandle_t)0; }
__TR_NVTX_FN nvtxDomainHandle_t nvtxDomainCreateW(const wchar_t *name) { (void)name; return (nvtxDomainHandle_t)0; }
__TR_NVTX_FN void nvtxDomainDestroy(nvtxDomainHandle_t domain) { (void)domain; }
__TR_NVTX_FN void nvtxDomainMarkEx(nvtxDomainHandle_t domain, const nvtxEventAttributes_t *a) { (void)domain; (void)a; }
__TR_NVTX_FN nvtxRangeId_t nvtxDomainRangeStartEx(nvtxDomainHandle_t domain, const nvtxEventAttributes_t *a) { (void)domain; (void)a; return 0; }
__TR_NVTX_FN void nvtxDomainRangeEnd(nvtxDomainHandle_t domain, nvtxRangeId_t id) { (void)domain; (void)id; }
__TR_NVTX_FN int nvtxDomainRangePushEx(nvtxDomainHandle_t domain, const nvtxEventAttributes_t *a) { (void)domain; (void)a; return NVTX_NO_PUSH_POP_TRACKING; }
__TR_NVTX_FN int nvtxDomainRangePop(nvtxDomainHandle_t domain) { (void)domain; return NVTX_NO_PUSH_POP_TRACKING; }
__TR_NVTX_FN nvtxStringHandle_t nvtxDomainRegisterStringA(nvtxDomainHandle_t domain, const char *s) { (void)domain; (void)s; return (nvtxStringHandle_t)0; }
__TR_NVTX_FN nvtxStringHandle_t nvtxDomainRegisterStringW(nvtxDomainHandle_t domain, const wchar_t *s) { (void)domain; (void)s; return (nvtxStringHandle_t)0; }
__TR_NVTX_FN void nvtxDomainNameCategoryA(nvtxDomainHandle_t domain, uint32_t category, const char *name) { (void)domain; (void)category; (void)name; }
__TR_NVTX_FN void nvtxDomainNameCategoryW(nvtxDomainHandle_t domain, uint32_t category, const wchar_t *name) { (void)domain; (void)category; (void)name; }
__TR_NVTX_FN nvtxResourceHandle_t nvtxDomainResourceCreate(nvtxDomainHandle_t domain, nvtxResourceAttributes_t *a) { (void)domain; (void)a; return (nvtxResourceHandle_t)0; }
__TR_NVTX_FN void nvtxDomainResourceDestroy(nvtxResourceHandle_t resource) { (void)resource; }

#undef __TR_NVTX_FN
