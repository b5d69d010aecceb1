namespace Translate.Ir.Diagnostics;

/// <summary>A diagnostic's identity: a stable <c>TRnnnn</c> id, its severity and a short title.</summary>
public sealed record DiagnosticCode(string Id, Severity Severity, string Title)
{
    public override string ToString() => Id;
}

/// <summary>
/// Every diagnostic code Translate reports. Codes are never reused or renumbered.
/// Ranges: TR00xx reading text, TR01xx program structure, TR02xx types and names,
/// TR03xx errors found while running a program, TR09xx the command line, files and the .NET API.
/// </summary>
public static class Codes
{
    /// <summary>The code with id <paramref name="id"/> (<c>TR0321</c>), or null.</summary>
    public static DiagnosticCode? Find(string id) => ById.Value.GetValueOrDefault(id);

    // Lazy: a static initializer written before the fields below would run before they are set.
    private static readonly Lazy<Dictionary<string, DiagnosticCode>> ById = new(() => typeof(Codes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => f.GetValue(null)).OfType<DiagnosticCode>()
        .GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    // Reading text.
    public static readonly DiagnosticCode NotUtf8 = new("TR0001", Severity.Error, "input is not valid UTF-8");
    public static readonly DiagnosticCode UnbalancedOpen = new("TR0002", Severity.Error, "unclosed parenthesis");
    public static readonly DiagnosticCode UnbalancedClose = new("TR0003", Severity.Error, "unexpected closing parenthesis");
    public static readonly DiagnosticCode MismatchedBracket = new("TR0004", Severity.Error, "mismatched bracket");
    public static readonly DiagnosticCode BadString = new("TR0005", Severity.Error, "malformed string literal");
    public static readonly DiagnosticCode BadToken = new("TR0006", Severity.Error, "malformed token");
    public static readonly DiagnosticCode EmptyInput = new("TR0007", Severity.Error, "no program in input");
    public static readonly DiagnosticCode NestedTooDeeply = new("TR0008", Severity.Error, "lists nested too deeply");

    // Program structure (a form that has the wrong shape).
    public static readonly DiagnosticCode NotAProgram = new("TR0101", Severity.Error, "not a c-lisp program");
    public static readonly DiagnosticCode BadDefinition = new("TR0102", Severity.Error, "malformed definition");
    public static readonly DiagnosticCode BadStatement = new("TR0103", Severity.Error, "malformed statement");
    public static readonly DiagnosticCode BadExpression = new("TR0104", Severity.Error, "malformed expression");
    public static readonly DiagnosticCode UnknownForm = new("TR0105", Severity.Error, "unknown form");
    public static readonly DiagnosticCode WrongArity = new("TR0106", Severity.Error, "wrong number of operands");
    public static readonly DiagnosticCode BadType = new("TR0107", Severity.Error, "malformed type");
    public static readonly DiagnosticCode BadLiteral = new("TR0108", Severity.Error, "literal out of range or malformed");
    public static readonly DiagnosticCode BreakOutsideLoop = new("TR0109", Severity.Error, "break or continue outside a loop or switch");
    public static readonly DiagnosticCode DuplicateCase = new("TR0110", Severity.Error, "duplicate case value");
    public static readonly DiagnosticCode BadOption = new("TR0111", Severity.Error, "unknown scope, order, mode or option");

    // Names and types.
    public static readonly DiagnosticCode UndeclaredVariable = new("TR0201", Severity.Error, "undeclared variable");
    public static readonly DiagnosticCode UndeclaredFunction = new("TR0202", Severity.Error, "undeclared function");
    public static readonly DiagnosticCode Redeclared = new("TR0203", Severity.Error, "name declared twice");
    public static readonly DiagnosticCode TypeMismatch = new("TR0204", Severity.Error, "type mismatch");
    public static readonly DiagnosticCode ArgumentCount = new("TR0205", Severity.Error, "wrong number of arguments");
    public static readonly DiagnosticCode UnknownStruct = new("TR0206", Severity.Error, "unknown struct");
    public static readonly DiagnosticCode UnknownField = new("TR0207", Severity.Error, "unknown struct field");
    public static readonly DiagnosticCode BadCast = new("TR0208", Severity.Error, "invalid cast");
    public static readonly DiagnosticCode MissingReturn = new("TR0209", Severity.Error, "return value missing or not allowed");
    public static readonly DiagnosticCode KernelOnly = new("TR0210", Severity.Error, "form allowed only in device code");
    public static readonly DiagnosticCode HostOnly = new("TR0211", Severity.Error, "form allowed only in host code");
    public static readonly DiagnosticCode BadKernel = new("TR0212", Severity.Error, "invalid kernel signature");
    public static readonly DiagnosticCode UnknownMath = new("TR0213", Severity.Error, "unknown math operation");
    public static readonly DiagnosticCode NotConstant = new("TR0214", Severity.Error, "value must be a constant");
    public static readonly DiagnosticCode BadGlobal = new("TR0215", Severity.Error, "invalid global variable");
    public static readonly DiagnosticCode UnsupportedExternal = new("TR0216", Severity.Error, "external function not provided by any device");
    public static readonly DiagnosticCode NoMain = new("TR0217", Severity.Error, "program has no main function");
    public static readonly DiagnosticCode FallsOffEnd = new("TR0218", Severity.Error, "control can reach the end of a function that returns a value");

    // Running a program (interpreter and devices).
    public static readonly DiagnosticCode OutOfBounds = new("TR0301", Severity.Error, "memory access out of bounds");
    public static readonly DiagnosticCode UseAfterFree = new("TR0302", Severity.Error, "memory used after it was freed");
    public static readonly DiagnosticCode Misaligned = new("TR0303", Severity.Error, "misaligned memory access");
    public static readonly DiagnosticCode NullPointer = new("TR0304", Severity.Error, "null pointer dereferenced");
    public static readonly DiagnosticCode BadPointer = new("TR0305", Severity.Error, "pointer does not point into any allocation");
    public static readonly DiagnosticCode DivideByZero = new("TR0306", Severity.Error, "integer division by zero");
    public static readonly DiagnosticCode BarrierDivergence = new("TR0307", Severity.Error, "barrier not reached by every thread of the block");
    public static readonly DiagnosticCode WarpDivergence = new("TR0308", Severity.Error, "warp operation not reached by every lane its mask names");
    public static readonly DiagnosticCode StackOverflow = new("TR0309", Severity.Error, "call depth limit exceeded");
    public static readonly DiagnosticCode BadLaunch = new("TR0310", Severity.Error, "invalid kernel launch");
    public static readonly DiagnosticCode Trap = new("TR0311", Severity.Error, "program stopped by trap or failed assertion");
    public static readonly DiagnosticCode AssertFailed = new("TR0316", Severity.Error, "program stopped by a failed device-side assertion");
    public static readonly DiagnosticCode SharedMemoryRace = new("TR0318", Severity.Error, "data race on shared memory (threads of different warps, one barrier interval, one of them writing)");
    public static readonly DiagnosticCode ShuffleFromAbsentLane = new("TR0319", Severity.Warning, "a shuffle read a lane that does not take part; it gave 0, as NVIDIA GPUs do");
    public static readonly DiagnosticCode GridBarrierIncomplete = new("TR0317", Severity.Error, "grid barrier that cannot complete (kernel not launched cooperatively, or a block finished without reaching it)");
    /// <summary>TR0317's message for a grid barrier in a launch that was not cooperative, the same on every device.</summary>
    public const string GridSyncNotCooperative = "grid.sync() in a kernel not launched with cudaLaunchCooperativeKernel: the grid barrier could never complete";
    /// <summary>TR0319's message, the same on cpu and opencl.</summary>
    public const string ShuffleFromAbsentLaneMessage = "a shuffle reads a lane that does not take part (outside its mask, not executing it, or past the end of the block); CUDA leaves its value undefined, NVIDIA GPUs give 0 and so does this device";
    public static readonly DiagnosticCode CompiledCodeFault = new("TR0320", Severity.Error, "code compiled for the cpu device accessed unmapped memory (the launch fails with a sticky cudaErrorIllegalAddress, or the run stops; rerun with --check or on interp to locate it)");
    public static readonly DiagnosticCode DivergentBarrier = new("TR0321", Severity.Warning, "threads of a block parted at a loop or branch holding __syncthreads(): those that left waited at its barriers as exited threads do on NVIDIA GPUs");
    public static readonly DiagnosticCode BadFree = new("TR0312", Severity.Error, "invalid free");
    public static readonly DiagnosticCode WrongSpace = new("TR0313", Severity.Error, "memory accessed from the wrong side (host or device)");
    public static readonly DiagnosticCode BadFormat = new("TR0314", Severity.Error, "printf format does not match its arguments");
    public static readonly DiagnosticCode ReadOnlyWrite = new("TR0315", Severity.Error, "write to read-only memory");

    // Translating CUDA (the frontend): what could not be lifted exactly, and why.
    public static readonly DiagnosticCode ClangError = new("TR0401", Severity.Error, "the CUDA source does not compile");
    public static readonly DiagnosticCode ClangWarning = new("TR0402", Severity.Warning, "clang warning in the CUDA source");
    public static readonly DiagnosticCode UnsupportedStatement = new("TR0403", Severity.Error, "statement not translated");
    public static readonly DiagnosticCode UnsupportedExpression = new("TR0404", Severity.Error, "expression not translated");
    public static readonly DiagnosticCode UnsupportedType = new("TR0405", Severity.Error, "type not translated");
    public static readonly DiagnosticCode UnsupportedDeclaration = new("TR0406", Severity.Error, "declaration not translated");
    public static readonly DiagnosticCode UndefinedFunction = new("TR0407", Severity.Error, "called function has no definition");
    public static readonly DiagnosticCode UnsupportedLibraryFunction = new("TR0408", Severity.Error, "library function not offered by Translate");
    public static readonly DiagnosticCode CalleeNotTranslated = new("TR0409", Severity.Error, "function not translated because a function it uses was not");
    public static readonly DiagnosticCode InlineAssembly = new("TR0410", Severity.Error, "inline assembly is not translated");
    public static readonly DiagnosticCode ClangUnavailable = new("TR0411", Severity.Error, "libclang 19 is not installed");
    public static readonly DiagnosticCode LiftedIrInvalid = new("TR0412", Severity.Error, "lifted IR failed the type checker (a frontend bug)");
    public static readonly DiagnosticCode GridSyncUnsupported = new("TR0413", Severity.Error, "retired: grid-wide synchronization was not lifted (no longer reported: it lifts to (grid-sync))");
    public static readonly DiagnosticCode ExplicitInstantiationUnreached = new("TR0414", Severity.Error, "an explicit template instantiation that launches kernels could not be followed, so those kernels would be missing from the device image");
    public static readonly DiagnosticCode DeviceSideLaunch = new("TR0415", Severity.Error, "retired: a kernel launch in device code was not translated (no longer reported: it lifts to launch)");
    public static readonly DiagnosticCode NvccSourceAccepted = new("TR0416", Severity.Warning, "source clang rejects and nvcc accepts, compiled as nvcc reads it");
    public static readonly DiagnosticCode PtxSyntax = new("TR0417", Severity.Error, "the PTX text does not parse");
    public static readonly DiagnosticCode PtxUnsupported = new("TR0418", Severity.Error, "PTX construct not translated");

    // Command line and files.
    public static readonly DiagnosticCode FileNotFound = new("TR0901", Severity.Error, "file not found");
    public static readonly DiagnosticCode FileUnreadable = new("TR0902", Severity.Error, "file cannot be read");
    public static readonly DiagnosticCode UnknownDevice = new("TR0903", Severity.Error, "unknown or unavailable device");
    public static readonly DiagnosticCode UnsupportedInput = new("TR0904", Severity.Error, "input kind not supported by this command");
    public static readonly DiagnosticCode UnknownKernel = new("TR0905", Severity.Error, "no kernel of that name in the loaded program (.NET API)");
    public static readonly DiagnosticCode KernelArgumentMismatch = new("TR0906", Severity.Error, "launch arguments do not match the kernel's parameters (.NET API)");

    // OpenCL backend and device (TR05xx).
    public static readonly DiagnosticCode AddressSpaceConflict = new("TR0501", Severity.Error, "pointer address space cannot be decided (OpenCL 1.2 has no generic address space)");
    public static readonly DiagnosticCode NonGlobalPointerInMemory = new("TR0502", Severity.Error, "pointer to local, private or constant memory stored in memory");
    public static readonly DiagnosticCode DivergentCollective = new("TR0503", Severity.Error, "warp collective not reached uniformly by the work-group");
    public static readonly DiagnosticCode OpenClUnsupported = new("TR0504", Severity.Error, "construct not supported by the OpenCL backend");
    public static readonly DiagnosticCode OpenClBuildFailed = new("TR0505", Severity.Error, "the OpenCL compiler rejected the emitted program");
    public static readonly DiagnosticCode OpenClCallFailed = new("TR0506", Severity.Error, "an OpenCL runtime call failed");
    public static readonly DiagnosticCode OpenClBuildWarning = new("TR0507", Severity.Warning, "the OpenCL compiler warned about the emitted program");
    public static readonly DiagnosticCode OpenClUnsupportedArgument = new("TR0508", Severity.Error, "kernel argument the OpenCL device cannot pass (null, host or struct-held pointer)");
    public static readonly DiagnosticCode OpenClNoSpirv = new("TR0509", Severity.Error, "the OpenCL device cannot load SPIR-V (it reports no IL version)");
    public static readonly DiagnosticCode OpenClPointerFromInteger = new("TR0510", Severity.Error, "a kernel follows a pointer made from an integer (a texture or surface object) where that address means nothing to the OpenCL device");
    public static readonly DiagnosticCode OpenClPrivateMemory = new("TR0511", Severity.Error, "a block's private arrays do not fit the stack the OpenCL CPU device runs it on");
    public static readonly DiagnosticCode OpenClKernelLeftOut = new("TR0512", Severity.Warning, "retired: a kernel taking a struct holding pointers was left out of the OpenCL program (no longer reported: the struct is passed as its bytes and one buffer per pointer)");
    public static readonly DiagnosticCode OpenClStructPointerNulled = new("TR0513", Severity.Warning, "a struct argument holds a pointer that is not into device memory (a host pointer, or a field left unset): the opencl device passes it as null");

    // Command line: outputs, targets, batch migration and the nvcc driver (TR06xx).
    public static readonly DiagnosticCode OutputNotWritten = new("TR0601", Severity.Error, "output file cannot be written");
    public static readonly DiagnosticCode CompilationDatabaseInvalid = new("TR0602", Severity.Error, "compilation database cannot be read");
    public static readonly DiagnosticCode BackendFailed = new("TR0603", Severity.Error, "a backend failed on a translated program");
    public static readonly DiagnosticCode RelocatableDeviceCode = new("TR0604", Severity.Error, "relocatable device code (-rdc) calls device code of another file, which is not linked");
    public static readonly DiagnosticCode NvccOptionIgnored = new("TR0605", Severity.Warning, "nvcc option accepted but has no effect");
    public static readonly DiagnosticCode NativeLinkUnavailable = new("TR0606", Severity.Error, "retired: native linking needed build mode (no longer reported)");
    public static readonly DiagnosticCode HostCompilerMissing = new("TR0607", Severity.Error, "the host compiler (clang-19) is not installed");
    public static readonly DiagnosticCode HostCompilationFailed = new("TR0608", Severity.Error, "the host compiler or linker reported errors");
    public static readonly DiagnosticCode RuntimeLibraryMissing = new("TR0609", Severity.Error, "the Translate CUDA runtime library is not built");
    public static readonly DiagnosticCode BuildModeDevice = new("TR0610", Severity.Error, "device not supported by build-mode executables");
    public static readonly DiagnosticCode KernelNotInImage = new("TR0611", Severity.Error, "a launched kernel is not in the program's device image");
    public static readonly DiagnosticCode DevicesDisagree = new("TR0612", Severity.Error, "a kernel launch wrote different results on two devices (TRANSLATE_VERIFY)");
    public static readonly DiagnosticCode NoUpstreamSpelling = new("TR0613", Severity.Error, "construct has no spelling in upstream llama.lisp (--dialect upstream)");
    public static readonly DiagnosticCode RuntimeApiNotImplemented = new("TR0620", Severity.Error, "a CUDA runtime API function that is not implemented yet was called (it returns cudaErrorNotSupported)");

    // CPU device (TR038x).
    public static readonly DiagnosticCode CpuUnsupported = new("TR0380", Severity.Error, "construct not supported by the cpu device");
    public static readonly DiagnosticCode RecursiveSynchronization = new("TR0381", Severity.Error, "a recursive device function contains a barrier or warp operation");

    // SPIR-V backend (TR07xx).
    public static readonly DiagnosticCode SpirVUnsupported = new("TR0701", Severity.Error, "construct not lowered by the SPIR-V backend yet");

    // GPU backends: NVPTX and AMDGPU (TR08xx).
    public static readonly DiagnosticCode GpuUnsupported = new("TR0801", Severity.Error, "construct not supported by the GPU backends");
    public static readonly DiagnosticCode GpuNoDeviceMath = new("TR0802", Severity.Error, "math function has no exact GPU implementation here (no libdevice / ocml)");
    public static readonly DiagnosticCode GpuBadArch = new("TR0803", Severity.Error, "unknown GPU architecture");
    public static readonly DiagnosticCode CudaUnsupportedArgument = new("TR0804", Severity.Error, "kernel argument the cuda device cannot pass");
}
