using System.Security.Cryptography;
using System.Text;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// Built programs by content hash (source, options, device, driver, PoCL's work-group method): in memory per context, and as
/// device binaries on disk under <c>~/.cache/translate/opencl</c> so a later process skips the compiler (<see cref="UsesDisk"/>).
/// A binary the driver refuses is rebuilt from source.
/// </summary>
public sealed class ProgramCache(ClContext context, string? directory = null)
{
    /// <summary>
    /// Whether binaries go to disk: not with PoCL, which keeps built programs and compiled work-group functions in a cache
    /// of its own (<c>~/.cache/pocl/kcache</c>) and answers a request for a program's binaries by compiling every kernel
    /// once more for a work-group size left open until launch, far slower than the launch's own compile (a CUDA fuzz
    /// program: 158 s for its first run with the binaries saved, 12 s without, 1.2 s the second time from PoCL's cache).
    /// </summary>
    public bool UsesDisk { get; } = !PoclSettings.IsPocl(context.Device.Platform.Name);

    private readonly Dictionary<string, ClProgram> _memory = [];
    private readonly string _directory = directory ?? Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "translate", "opencl");

    /// <summary>How the last <see cref="Get"/> was served: "memory", "disk" or "built".</summary>
    public string LastSource { get; private set; } = "";

    public ClProgram Get(string source, string options)
    {
        var d = context.Device;
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", source, options, d.Platform.Name, d.Name, d.DriverVersion, PoclSettings.EffectiveWorkGroupMethod))));
        if (_memory.TryGetValue(key, out var cached)) { LastSource = "memory"; return cached; }
        string file = Path.Combine(_directory, key + ".bin");
        ClProgram? program = null;
        if (UsesDisk && File.Exists(file))
        {
            try { program = context.TryBuildFromBinary(File.ReadAllBytes(file), options); }
            catch (IOException) { program = null; }
            LastSource = "disk";
        }
        if (program is null)
        {
            program = context.BuildFromSource(source, options);
            LastSource = "built";
            if (UsesDisk) TrySave(file, program);
        }
        return _memory[key] = program;
    }

    private void TrySave(string file, ClProgram program)
    {
        try
        {
            var binary = program.Binary();
            if (binary.Length == 0) return;
            Directory.CreateDirectory(_directory);
            var temp = file + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temp, binary);
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenClException)
        {
            // The cache is an optimisation; a read-only home directory must not fail the run.
        }
    }
}
