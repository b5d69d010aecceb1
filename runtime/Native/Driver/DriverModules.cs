using System.Runtime.InteropServices;
using System.Text;
using Translate.DeviceContract.Cuda;
using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Printing;
using Translate.Ir.Types;
using Translate.Runtime.BuildMode;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// Modules: an image given to cuModuleLoadData (or a file cuModuleLoad reads) is PTX text, lifted by the PTX front end
/// (translator/Frontend/Ptx), or a device image of 'translate nvcc -fatbin' (IR text). Either is loaded like a build-mode
/// executable's device code, on the device TRANSLATE_DEVICE names; a CUfunction is a registered kernel of it, so
/// cuLaunchKernel is cudaLaunchKernel. What does not translate is printed, with its PTX line, and is
/// CUDA_ERROR_INVALID_PTX; anything else (a real fat binary's GPU code) is CUDA_ERROR_INVALID_IMAGE.
/// </summary>
internal static unsafe class DriverModules
{
    private sealed class Module(LoadedImage image, IrModule ir)
    {
        public LoadedImage Image { get; } = image;
        public IrModule Ir { get; } = ir;
        public Dictionary<string, nint> Functions { get; } = [];
    }

    private static readonly Dictionary<nint, Module> Modules = [];

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoadData")]
    public static int ModuleLoadData(nint* module, byte* image) => LoadImage(module, image, "<cuModuleLoadData>", null);

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoadFatBinary")]
    public static int ModuleLoadFatBinary(nint* module, byte* image) => LoadImage(module, image, "<cuModuleLoadFatBinary>", null);

    /// <summary>
    /// cuModuleLoadDataEx: of the JIT options, the outputs are written — the info log (what was lifted), the error log
    /// (what did not translate), each log's size slot set to the bytes written, and the wall time; the rest are hints.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoadDataEx")]
    public static int ModuleLoadDataEx(nint* module, byte* image, uint count, int* options, nint* values)
    {
        var jit = new JitOutputs(count, options, values);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int result = LoadImage(module, image, "<cuModuleLoadDataEx>", jit);
        jit.WallTime((float)clock.Elapsed.TotalMilliseconds);
        return result;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoad")]
    public static int ModuleLoad(nint* module, byte* path)
    {
        if (Ready() is var r and not 0) return r;
        if (module == null || path == null) return CudaDriverResults.InvalidValue;
        string file = Marshal.PtrToStringUTF8((nint)path) ?? "";
        if (!File.Exists(file)) return CudaDriverResults.FileNotFound;
        return Load(module, File.ReadAllText(file), file, null);
    }

    private static int LoadImage(nint* module, byte* image, string source, JitOutputs? jit)
    {
        if (Ready() is var r and not 0) return r;
        if (module == null || image == null) return CudaDriverResults.InvalidValue;
        return Load(module, Marshal.PtrToStringUTF8((nint)image) ?? "", source, jit);
    }

    private static int Load(nint* handle, string text, string source, JitOutputs? jit)
    {
        IrModule? ir;
        DeviceImage image;
        if (DeviceImage.Parse(text) is { } built)
        {
            image = built;
            ir = Ir.Parsing.IrParser.ParseText(built.ModuleText, built.Source);
            jit?.InfoLog($"translate: a device image of 'translate nvcc' with {built.IrNameByLinkName.Count} kernel(s)\n");
            jit?.ErrorLog("");
        }
        else if (text.Contains(".entry", StringComparison.Ordinal) || text.Contains(".version", StringComparison.Ordinal))
        {
            var diagnostics = new DiagnosticBag();
            ir = PtxFrontend.Lift(text, source, diagnostics);
            var report = new StringBuilder();
            foreach (var d in diagnostics.Items)
            {
                LibcStreams.ErrorLine($"translate runtime: {d}");
                report.Append(d).Append('\n');
            }
            jit?.ErrorLog(report.ToString());
            if (ir is null) return CudaDriverResults.InvalidPtx;
            var kernels = ir.Functions.Where(f => f.IsKernel).ToDictionary(f => f.Name, f => f.Name);
            image = new DeviceImage(source, IrPrinter.Print(ir), kernels);
            jit?.InfoLog($"translate: {kernels.Count} kernel(s) of the PTX lifted to the IR: {string.Join(", ", kernels.Keys)}\n");
        }
        else
        {
            LibcStreams.ErrorLine($"translate runtime: {source}: the image is neither PTX text nor a device image of 'translate nvcc -fatbin' "
                + "(a CUDA fat binary's GPU code runs only on NVIDIA's driver)");
            return CudaDriverResults.InvalidImage;
        }
        var loaded = new LoadedImage(image, ir);
        if (loaded.Host() is null) return CudaDriverResults.InvalidImage; // LoadedImage printed why
        var h = NativeRuntime.NewHandle();
        lock (NativeRuntime.Gate) Modules[h] = new Module(loaded, ir);
        *handle = h;
        return CudaDriverResults.Success;
    }

    /// <summary>The output options of one cuModuleLoadDataEx call: where its logs and wall time go.</summary>
    private sealed class JitOutputs(uint count, int* options, nint* values)
    {
        private const int WallTimeOption = 2, InfoBuffer = 3, InfoSize = 4, ErrorBuffer = 5, ErrorSize = 6;

        private int Slot(int option)
        {
            for (int k = 0; k < count && options != null && values != null; k++)
                if (options[k] == option) return k;
            return -1;
        }

        public void InfoLog(string text) => Write(InfoBuffer, InfoSize, text);
        public void ErrorLog(string text) => Write(ErrorBuffer, ErrorSize, text);

        /// <summary>CU_JIT_WALL_TIME's value slot receives a float of milliseconds.</summary>
        public void WallTime(float milliseconds)
        {
            if (Slot(WallTimeOption) is var k and >= 0) *(float*)&values[k] = milliseconds;
        }

        /// <summary>The text, cut to the buffer and NUL-terminated; the size slot then holds the bytes written.</summary>
        private void Write(int bufferOption, int sizeOption, string text)
        {
            int b = Slot(bufferOption), z = Slot(sizeOption);
            if (b < 0 || z < 0 || values[b] == 0 || values[z] <= 0) return;
            var bytes = Encoding.UTF8.GetBytes(text);
            int n = (int)Math.Min(bytes.Length, values[z] - 1);
            Marshal.Copy(bytes, 0, values[b], n);
            ((byte*)values[b])[n] = 0;
            values[z] = n;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "cuModuleUnload")]
    public static int ModuleUnload(nint module)
    {
        if (Ready() is var r and not 0) return r;
        lock (NativeRuntime.Gate)
        {
            if (!Modules.Remove(module, out var m)) return CudaDriverResults.InvalidHandle;
            foreach (var f in m.Functions.Values) NativeRuntime.Kernels.Remove(f);
        }
        return CudaDriverResults.Success;
    }

    /// <summary>A kernel of the module by its name in the PTX (the handle is registered as a kernel, as a host stub is).</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuModuleGetFunction")]
    public static int ModuleGetFunction(nint* function, nint module, byte* name)
    {
        if (Ready() is var r and not 0) return r;
        if (function == null || name == null) return CudaDriverResults.InvalidValue;
        string kernel = Marshal.PtrToStringUTF8((nint)name) ?? "";
        lock (NativeRuntime.Gate)
        {
            if (!Modules.TryGetValue(module, out var m)) return CudaDriverResults.InvalidHandle;
            string? irName = m.Image.Image.IrNameByLinkName.GetValueOrDefault(kernel) ?? (m.Ir.Functions.Any(f => f.IsKernel && f.Name == kernel) ? kernel : null);
            if (irName is null) return CudaDriverResults.NotFound;
            if (!m.Functions.TryGetValue(kernel, out var handle))
            {
                m.Functions[kernel] = handle = NativeRuntime.NewHandle();
                NativeRuntime.Kernels[handle] = new RegisteredKernel(m.Image, kernel, irName);
            }
            *function = handle;
        }
        return CudaDriverResults.Success;
    }

    /// <summary>A <c>.global</c>/<c>.const</c> variable's device address and size.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cuModuleGetGlobal_v2")]
    public static int ModuleGetGlobal(nint* address, nuint* bytes, nint module, byte* name)
    {
        if (Ready() is var r and not 0) return r;
        if (name == null) return CudaDriverResults.InvalidValue;
        string variable = Marshal.PtrToStringUTF8((nint)name) ?? "";
        Module? m;
        lock (NativeRuntime.Gate) Modules.TryGetValue(module, out m);
        if (m is null) return CudaDriverResults.InvalidHandle;
        var global = m.Ir.Globals.FirstOrDefault(g => g.Name == variable && g.AddressSpace is 1 or 4);
        var host = m.Image.Host();
        if (global is null || host is null) return CudaDriverResults.NotFound;
        nint at = host.GlobalAddress(global.Name);
        if (at == 0) return CudaDriverResults.NotFound;
        long size = new TypeLayout(m.Ir.Structs).SizeOf(global.Type);
        Exports.Symbols.Remember(at, size);
        if (address != null) *address = at;
        if (bytes != null) *bytes = (nuint)size;
        return CudaDriverResults.Success;
    }
}
