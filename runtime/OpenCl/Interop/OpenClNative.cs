using System.Runtime.InteropServices;

namespace Translate.Runtime.OpenCl.Interop;

/// <summary>
/// The OpenCL 1.2 C API entry points Translate uses, bound from the ICD loader <c>libOpenCL.so.1</c>
/// (Debian <c>ocl-icd-libopencl1</c>). Handles are opaque <see cref="nint"/>s; nothing outside this
/// folder sees them. Every function returns or writes a <c>cl_int</c> status (see <see cref="ClStatus"/>).
/// </summary>
internal static unsafe partial class OpenClNative
{
    private const string Library = "libOpenCL.so.1";

    [LibraryImport(Library)]
    internal static partial int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);

    [LibraryImport(Library)]
    internal static partial int clGetPlatformInfo(nint platform, uint param, nuint size, void* value, nuint* sizeRet);

    [LibraryImport(Library)]
    internal static partial int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);

    [LibraryImport(Library)]
    internal static partial int clGetDeviceInfo(nint device, uint param, nuint size, void* value, nuint* sizeRet);

    [LibraryImport(Library)]
    internal static partial nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint callback, nint userData, int* status);

    [LibraryImport(Library)]
    internal static partial int clReleaseContext(nint context);

    [LibraryImport(Library)]
    internal static partial nint clCreateCommandQueue(nint context, nint device, ulong properties, int* status);

    [LibraryImport(Library)]
    internal static partial int clReleaseCommandQueue(nint queue);

    [LibraryImport(Library)]
    internal static partial int clFinish(nint queue);

    [LibraryImport(Library)]
    internal static partial nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, int* status);

    [LibraryImport(Library)]
    internal static partial int clReleaseMemObject(nint buffer);

    [LibraryImport(Library)]
    internal static partial int clEnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* source,
        uint numWait, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    internal static partial int clEnqueueReadBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* destination,
        uint numWait, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    internal static partial void* clEnqueueMapBuffer(nint queue, nint buffer, uint blocking, ulong mapFlags, nuint offset, nuint size,
        uint numWait, nint* waitList, nint* evt, int* status);

    [LibraryImport(Library)]
    internal static partial int clEnqueueUnmapMemObject(nint queue, nint buffer, void* mapped, uint numWait, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    internal static partial int clEnqueueCopyBuffer(nint queue, nint source, nint destination, nuint sourceOffset, nuint destinationOffset,
        nuint size, uint numWait, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    internal static partial int clEnqueueFillBuffer(nint queue, nint buffer, void* pattern, nuint patternSize, nuint offset, nuint size,
        uint numWait, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    internal static partial nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* status);

    [LibraryImport(Library)]
    internal static partial nint clCreateProgramWithBinary(nint context, uint numDevices, nint* devices, nuint* lengths, byte** binaries,
        int* binaryStatus, int* status);

    /// <summary>OpenCL 2.1: a program from an intermediate language (SPIR-V). Resolved at the first call, so 1.2 loaders still work.</summary>
    [LibraryImport(Library)]
    internal static partial nint clCreateProgramWithIL(nint context, void* il, nuint length, int* status);

    [LibraryImport(Library)]
    internal static partial int clBuildProgram(nint program, uint numDevices, nint* devices, byte* options, nint callback, nint userData);

    [LibraryImport(Library)]
    internal static partial int clGetProgramBuildInfo(nint program, nint device, uint param, nuint size, void* value, nuint* sizeRet);

    [LibraryImport(Library)]
    internal static partial int clGetProgramInfo(nint program, uint param, nuint size, void* value, nuint* sizeRet);

    [LibraryImport(Library)]
    internal static partial int clReleaseProgram(nint program);

    [LibraryImport(Library)]
    internal static partial nint clCreateKernel(nint program, byte* name, int* status);

    [LibraryImport(Library)]
    internal static partial int clSetKernelArg(nint kernel, uint index, nuint size, void* value);

    [LibraryImport(Library)]
    internal static partial int clReleaseKernel(nint kernel);

    [LibraryImport(Library)]
    internal static partial int clEnqueueNDRangeKernel(nint queue, nint kernel, uint workDim, nuint* globalOffset, nuint* globalSize,
        nuint* localSize, uint numWait, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    internal static partial int clWaitForEvents(uint count, nint* events);

    [LibraryImport(Library)]
    internal static partial int clGetEventProfilingInfo(nint evt, uint param, nuint size, void* value, nuint* sizeRet);

    [LibraryImport(Library)]
    internal static partial int clReleaseEvent(nint evt);
}
